/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * Starts the Mallcoo sandbox and a real n8n through startStack() from scripts/lib/stack.mjs, the
 * same code `npm start` runs, with a temporary user folder and free ports, plus the e2e-only
 * workflows of e2e/fixtures. The tests get the addresses through inject('stack').
 * n8n's and the sandbox's logs are copied to test-artifacts/e2e/ at the end.
 */
import path from 'node:path';
import type { TestProject } from 'vitest/node';

// @ts-expect-error plain ESM without type declarations
import { freePorts } from '../scripts/lib/process.mjs';
// @ts-expect-error plain ESM without type declarations
import { startStack } from '../scripts/lib/stack.mjs';
import { fixtureWorkflows, provideStack } from './stack-setup';

const FIXTURES = path.join(__dirname, 'fixtures');

export default function setup(project: TestProject): Promise<() => Promise<void>> {
	return provideStack(project, 'e2e', async (userFolder) => {
		const [sandboxPort, n8nPort] = (await freePorts(2)) as number[];
		// Fixtures name the sandbox as __SANDBOX_URL__ (an HTTP Request node has no credential field for it).
		const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
		const extraWorkflows = fixtureWorkflows(FIXTURES, (text) =>
			text.replaceAll('__SANDBOX_URL__', sandboxUrl),
		);
		const stack = await startStack({ userFolder, n8nPort, sandboxPort, extraWorkflows });
		const logs = ['n8n.log', 'sandbox.log'].map((name): [string, string] => [
			name,
			path.join(userFolder, name),
		]);
		return { stack, logs };
	});
}
