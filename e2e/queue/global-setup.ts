/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * Starts n8n in queue mode through startQueueStack() from scripts/lib/queue.mjs, the code
 * `npm start -- --queue` runs: PostgreSQL, Redis, the sandbox, the n8n main and 2 workers, in a
 * temporary folder on free ports, with the example workflows and e2e/queue/fixtures. Also a
 * second sandbox started with `--rate-limit`, its own credential, and a copy of the bulk
 * look-up fixture that uses it. The tests get the addresses through inject('stack').
 * The logs are copied to test-artifacts/e2e-queue/ at the end.
 */
import path from 'node:path';
import type { TestProject } from 'vitest/node';

// @ts-expect-error plain ESM without type declarations
import { startQueueStack } from '../../scripts/lib/queue.mjs';
// @ts-expect-error plain ESM without type declarations
import { startSandboxProcess } from '../../scripts/lib/sandbox.mjs';
// @ts-expect-error plain ESM without type declarations
import { credentialExport } from '../../scripts/lib/stack.mjs';
import { fixtureWorkflows, provideStack, type Workflow } from '../stack-setup';
import { MEMBERS, RATE_LIMIT, WORKERS } from './settings';

const FIXTURES = path.join(__dirname, 'fixtures');
const LIMITED_CREDENTIAL = { id: 'mallcooLimited01', name: 'Mallcoo Limited', type: 'mallcooApi' };

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

export default function setup(project: TestProject): Promise<() => Promise<void>> {
	return provideStack(project, 'e2e-queue', async (folder) => {
		const fixtures = fixtureWorkflows(FIXTURES);
		const bulk = fixtures.find((fixture) => fixture.json.id === 'queueBulkLookup1')!;
		const limitedWorkflow = limitedCopy(bulk.json);
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
		const workers = stack.workers as Array<{ name: string; logPath: string; concurrency: number }>;
		return {
			stack,
			extra: [limited],
			info: {
				queue: {
					mainLog: stack.n8n.logPath,
					workers: workers.map(({ name, logPath, concurrency }) => ({
						name,
						logPath,
						concurrency,
					})),
					limited: {
						url: limited.url,
						perSecond: RATE_LIMIT,
						credentialId: LIMITED_CREDENTIAL.id,
						workflowId: limitedWorkflow.id,
					},
				},
			},
			logs: [
				['main.log', stack.n8n.logPath],
				...workers.map((worker): [string, string] => [`${worker.name}.log`, worker.logPath]),
				...['sandbox.log', 'sandbox-limited.log', 'postgres.log', 'redis.log'].map(
					(name): [string, string] => [name, path.join(folder, name)],
				),
			],
		};
	});
}
