/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * `npx tsx bench/micro.ts`: the CPU the package itself adds to one request, without n8n's HTTP
 * stack, so that changes of a few microseconds show above the noise of a loaded machine:
 *
 * - authenticate: the credential's `authenticate` on the node's request options (serialise, sign);
 * - transport: `callMallcoo` with a stand-in for n8n's `httpRequestWithAuthentication` that calls
 *   the credential's `authenticate` and answers at once with a recorded sandbox answer, so it
 *   measures options building, signing, the retry loop and envelope parsing.
 *
 * Each is timed over N calls, R times, in this process's CPU time (not wall time, which other
 * processes on the machine skew); the median µs of CPU per call is printed.
 */
import type { IExecuteFunctions, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { MallcooApi } from '../credentials/MallcooApi.credentials';
import { mallcooHttpOptions } from '../nodes/Mallcoo/transport/attempt';
import { callMallcoo } from '../nodes/Mallcoo/transport/call';
import type { TransportSettings } from '../nodes/Mallcoo/transport/settings';
import { RequestBudget } from '../nodes/Mallcoo/transport/schedule';
import { DEMO_CREDENTIALS, generatedMember } from '../sandbox/server';
import { rawRequest } from './ops';

const CALLS = Number(process.env.MICRO_CALLS ?? 50_000);
const REPEATS = Number(process.env.MICRO_REPEATS ?? 7);

const credential = new MallcooApi();
const credentials = { ...DEMO_CREDENTIALS, baseUrl: 'http://127.0.0.1:1' };
const member = generatedMember(1);
/** The shape of the sandbox's member/get answer. */
const answer = JSON.stringify({ Code: 1, Message: '成功', Data: member });
const response: IN8nHttpFullResponse = {
	statusCode: 200,
	statusMessage: 'OK',
	headers: { 'content-type': 'application/json; charset=utf-8' },
	body: answer,
};

const context = {
	getNode: () => ({ name: 'Mallcoo' }),
	helpers: {
		async httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions) {
			await credential.authenticate(credentials, options);
			return response;
		},
	},
} as unknown as IExecuteFunctions;

const settings: TransportSettings = {
	baseUrl: credentials.baseUrl,
	timeoutMs: 30_000,
	maxAttempts: 3,
	retryDelayMs: 500,
	budget: new RequestBudget(),
};
const operation = {
	resource: 'member',
	operation: 'get',
	action: 'Get a member',
	kind: 'read',
	repeat: 'resend',
} as unknown as Parameters<typeof callMallcoo>[1];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

async function time(label: string, run: (i: number) => unknown): Promise<void> {
	const results: number[] = [];
	for (let repeat = 0; repeat <= REPEATS; repeat++) {
		// CPU time, not wall time: on a shared machine this process is descheduled at random.
		const started = process.cpuUsage();
		for (let i = 0; i < CALLS; i++) await run(i);
		const used = process.cpuUsage(started);
		const us = (used.user + used.system) / CALLS;
		if (repeat > 0) results.push(us); // the first is warm-up
	}
	process.stdout.write(
		`${label.padEnd(14)} ${median(results).toFixed(2)} µs CPU/call (median of ${REPEATS} × ${CALLS}; min ${Math.min(...results).toFixed(2)})\n`,
	);
}

async function main(): Promise<void> {
	const request = rawRequest('member/get', { mobile: member.Mobile });
	await time('authenticate', () =>
		credential.authenticate(credentials, mallcooHttpOptions(request, settings)),
	);
	await time('transport', (i) => callMallcoo(context, operation, request, settings, i));
}

void main();
