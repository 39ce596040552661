/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * One measured Coupon → Send run in a fresh process (so its CPU time is that run's alone), driven
 * by bench/coupon-send.ts over IPC: parent → {config}; the worker warms up, sends its members
 * through n8n-core's engine, checks that every member got exactly their coupon, → {result}.
 */
import './resolve-node-ts';

import { performance } from 'node:perf_hooks';

import { runMallcoo } from '../test/helpers/engine';

export interface CouponWorkerConfig {
	baseUrl: string;
	credentials: { appId: string; publicKey: string; privateKey: string };
	putInId: string;
	/** Members per request; 1 is one request per member. */
	batchSize: number;
	concurrency: number;
	warmup: Array<{ mobile: string }>;
	members: Array<{ mobile: string }>;
	/** Prefix of this run's Trace IDs (the warm-up uses its own). */
	tracePrefix: string;
}

export interface CouponWorkerResult {
	members: number;
	wallMs: number;
	membersPerSecond: number;
	cpuMs: number;
	cpuMsPerMember: number;
}

async function send(
	config: CouponWorkerConfig,
	members: Array<{ mobile: string }>,
	prefix: string,
) {
	const { output, error } = await runMallcoo({
		parameters: {
			resource: 'coupon',
			operation: 'send',
			sendTo: 'mobile',
			mobile: '={{ $json.mobile }}',
			putInId: { __rl: true, mode: 'id', value: config.putInId },
			traceId: '={{ $json.traceId }}',
			options: { batchSize: config.batchSize, concurrency: config.concurrency },
		},
		items: members.map(({ mobile }) => ({ mobile, traceId: `${prefix}-${mobile}` })),
		credentials: { ...config.credentials, baseUrl: config.baseUrl, authBaseUrl: config.baseUrl },
	});
	if (error) throw error;
	const wrong = output.filter(
		(item, index) =>
			item.json.success !== true ||
			item.json.mobile !== members[index].mobile ||
			typeof item.json.VCode !== 'string',
	);
	if (output.length !== members.length || wrong.length > 0)
		throw new Error(
			`${output.length} outputs for ${members.length} members, ${wrong.length} wrong: ${JSON.stringify(wrong[0]?.json)}`,
		);
}

process.once('message', (message) => {
	const config = (message as { config: CouponWorkerConfig }).config;
	(async () => {
		await send(config, config.warmup, `${config.tracePrefix}-warmup`);
		const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
		gc();
		const cpuBefore = process.cpuUsage();
		const startedAt = performance.now();
		await send(config, config.members, config.tracePrefix);
		const wallMs = performance.now() - startedAt;
		const cpu = process.cpuUsage(cpuBefore);
		const cpuMs = (cpu.user + cpu.system) / 1000;
		const result: CouponWorkerResult = {
			members: config.members.length,
			wallMs,
			membersPerSecond: (config.members.length / wallMs) * 1000,
			cpuMs,
			cpuMsPerMember: cpuMs / config.members.length,
		};
		process.send!({ result }, () => process.exit(0));
	})().catch((error: Error) => {
		process.send!({ error: error.stack ?? String(error) }, () => process.exit(1));
	});
});
