/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console, @n8n/community-nodes/require-node-api-error -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * Starts n8n in queue mode through startQueueStack() from scripts/lib/queue.mjs, the code
 * `npm start -- --queue` runs: PostgreSQL, Redis, the sandbox, the n8n main and 2 workers, in a
 * temporary folder on free ports, with the example workflows and e2e/queue/fixtures. Also a
 * second sandbox started with `--rate-limit`, its own credential, and a copy of the bulk
 * look-up fixture that uses it. The tests get the addresses through inject('stack').
 * The logs are copied to test-artifacts/e2e-queue/ at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

// @ts-expect-error plain ESM without type declarations
import { startQueueStack } from '../../scripts/lib/queue.mjs';
// @ts-expect-error plain ESM without type declarations
import { startSandboxProcess } from '../../scripts/lib/sandbox.mjs';
// @ts-expect-error plain ESM without type declarations
import { credentialExport } from '../../scripts/lib/stack.mjs';
import { ARTIFACTS, stackInfoOf, type StackInfo } from '../stack-info';
import { MEMBERS, RATE_LIMIT, WORKERS } from './settings';

const FIXTURES = path.join(__dirname, 'fixtures');
const LIMITED_CREDENTIAL = { id: 'mallcooLimited01', name: 'Mallcoo Limited', type: 'mallcooApi' };

type Workflow = { id: string; name: string; nodes: Array<Record<string, unknown>> };

/** The bulk look-up fixture again, against the limited sandbox's credential. */
function limitedCopy(bulk: Workflow): Workflow {
	const copy = JSON.parse(JSON.stringify(bulk)) as Workflow;
	copy.id = 'queueBulkLimit01';
	copy.name = `${bulk.name} (rate-limited sandbox)`;
	for (const node of copy.nodes) {
		if (node.type === 'n8n-nodes-base.webhook') {
			node.webhookId = '5b7f2a10-3c4d-4e5f-8a9b-0c1d2e3f4b01';
			(node.parameters as { path: string }).path = 'queue/bulk-lookup-limited';
		}
		if (node.credentials)
			node.credentials = {
				mallcooApi: { id: LIMITED_CREDENTIAL.id, name: LIMITED_CREDENTIAL.name },
			};
	}
	return copy;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const started = Date.now();
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mallcoo-e2e-queue-'));
	const fixtures = fs
		.readdirSync(FIXTURES)
		.filter((name) => name.endsWith('.json'))
		.map((name) => ({
			file: path.join(FIXTURES, name),
			json: JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as Workflow,
		}));
	const bulk = fixtures.find((fixture) => fixture.json.id === 'queueBulkLookup1')!;
	const limitedWorkflow = limitedCopy(bulk.json);

	console.log(`[e2e-queue] starting the queue-mode stack (folder ${folder}) ...`);
	const limited = await startSandboxProcess({
		port: 0,
		logPath: path.join(folder, 'sandbox-limited.log'),
		args: ['--members', String(MEMBERS), '--rate-limit', String(RATE_LIMIT)],
	});
	let stack;
	try {
		stack = await startQueueStack({
			folder,
			workers: WORKERS,
			durable: false,
			sandboxPort: 0,
			n8nPort: 0,
			sandboxArgs: ['--members', String(MEMBERS)],
			extraWorkflows: [...fixtures, { json: limitedWorkflow }],
			credentials: credentialExport(limited, LIMITED_CREDENTIAL),
		});
	} catch (error) {
		await limited.stop();
		throw error;
	}
	console.log(
		`[e2e-queue] n8n ${stack.url} (main and ${stack.workers.length} workers) ready in ${Math.round((Date.now() - started) / 1000)} s`,
	);

	const info: StackInfo = {
		...stackInfoOf(stack),
		queue: {
			mainLog: stack.n8n.logPath,
			workers: stack.workers.map(
				(worker: { name: string; logPath: string; concurrency: number }) => ({
					name: worker.name,
					logPath: worker.logPath,
					concurrency: worker.concurrency,
				}),
			),
			limited: {
				url: limited.url,
				perSecond: RATE_LIMIT,
				credentialId: LIMITED_CREDENTIAL.id,
				workflowId: limitedWorkflow.id,
			},
		},
	};
	project.provide('stack', info);

	return async () => {
		await Promise.all([stack.stop(), limited.stop()]);
		const target = path.join(ARTIFACTS, 'e2e-queue');
		fs.mkdirSync(target, { recursive: true });
		const logs: Array<[string, string]> = [
			['main.log', stack.n8n.logPath],
			...stack.workers.map((worker: { name: string; logPath: string }): [string, string] => [
				`${worker.name}.log`,
				worker.logPath,
			]),
			['sandbox.log', path.join(folder, 'sandbox.log')],
			['sandbox-limited.log', path.join(folder, 'sandbox-limited.log')],
			['postgres.log', path.join(folder, 'postgres.log')],
			['redis.log', path.join(folder, 'redis.log')],
		];
		for (const [name, file] of logs)
			if (fs.existsSync(file)) fs.copyFileSync(file, path.join(target, name));
		fs.rmSync(folder, { recursive: true, force: true });
	};
}
