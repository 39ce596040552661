/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * Starts the Mallcoo sandbox and a real n8n through startStack() from scripts/lib/stack.mjs, the
 * same code `npm start` runs, with a temporary user folder and free ports, plus the e2e-only
 * workflows of e2e/fixtures. The tests get the addresses through inject('stack').
 * n8n's and the sandbox's logs are copied to test-artifacts/e2e/ at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

// @ts-expect-error plain ESM without type declarations
import { freePorts } from '../scripts/lib/process.mjs';
// @ts-expect-error plain ESM without type declarations
import { startStack } from '../scripts/lib/stack.mjs';
import { ARTIFACTS, stackInfoOf, type StackInfo } from './stack-info';

const FIXTURES = path.join(__dirname, 'fixtures');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const started = Date.now();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'mallcoo-e2e-n8n-'));
	const [sandboxPort, n8nPort] = (await freePorts(2)) as number[];
	const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
	// Fixtures name the sandbox as __SANDBOX_URL__ (an HTTP Request node has no credential field for it).
	const extraWorkflows = fs
		.readdirSync(FIXTURES)
		.filter((name) => name.endsWith('.json'))
		.map((name) => ({
			file: path.join(FIXTURES, name),
			json: JSON.parse(
				fs
					.readFileSync(path.join(FIXTURES, name), 'utf8')
					.replaceAll('__SANDBOX_URL__', sandboxUrl),
			),
		}));

	console.log(`[e2e] starting the sandbox and n8n (user folder ${userFolder}) ...`);
	const stack = await startStack({ userFolder, n8nPort, sandboxPort, extraWorkflows });
	console.log(
		`[e2e] n8n ${stack.url} and sandbox ${stack.sandbox.url} ready in ${Math.round((Date.now() - started) / 1000)} s`,
	);

	const info: StackInfo = stackInfoOf(stack);
	project.provide('stack', info);

	return async () => {
		await stack.stop();
		const target = path.join(ARTIFACTS, 'e2e');
		fs.mkdirSync(target, { recursive: true });
		for (const name of ['n8n.log', 'sandbox.log']) {
			const file = path.join(userFolder, name);
			if (fs.existsSync(file)) fs.copyFileSync(file, path.join(target, name));
		}
		fs.rmSync(userFolder, { recursive: true, force: true });
	};
}
