/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * What the embedded and the queue-mode global setups share: a temporary folder, starting the
 * stack in it, handing the tests its description through inject('stack'), and at the end
 * stopping it, keeping its logs in test-artifacts/<name>/ and removing the folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

import { ARTIFACTS, stackInfoOf, type StackInfo, type StartedStack } from './stack-info';

export interface Workflow {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown>>;
}

/** The workflows of a fixtures folder, each file's text passed through `edit` before parsing. */
export function fixtureWorkflows(
	dir: string,
	edit: (text: string) => string = (text) => text,
): Array<{ file: string; json: Workflow }> {
	return fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.map((name) => {
			const file = path.join(dir, name);
			return { file, json: JSON.parse(edit(fs.readFileSync(file, 'utf8'))) as Workflow };
		});
}

export interface Started {
	stack: StartedStack & { stop(): Promise<void> };
	/** More to tell the tests (queue mode's details). */
	info?: Partial<StackInfo>;
	/** More servers the suite started, stopped after the stack and checked with it. */
	extra?: Array<{ pid: number; stop(): Promise<void> }>;
	/** [name in test-artifacts, file] of each log to keep. */
	logs: Array<[string, string]>;
}

/**
 * Starts a stack with `start(folder)` in a new temporary folder and provides it to the tests.
 * Returns the teardown.
 */
export async function provideStack(
	project: TestProject,
	name: string,
	start: (folder: string) => Promise<Started>,
): Promise<() => Promise<void>> {
	const began = Date.now();
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), `mallcoo-${name}-`));
	console.log(`[${name}] starting the stack (folder ${folder}) ...`);
	const { stack, info, extra = [], logs } = await start(folder);
	console.log(
		`[${name}] n8n ${stack.url} and sandbox ${stack.sandbox.url} ready in ${Math.round((Date.now() - began) / 1000)} s`,
	);
	project.provide('stack', {
		...stackInfoOf(
			stack,
			extra.map((server) => server.pid),
		),
		...info,
	});
	return async () => {
		await Promise.all([stack.stop(), ...extra.map((server) => server.stop())]);
		const target = path.join(ARTIFACTS, name);
		fs.mkdirSync(target, { recursive: true });
		for (const [artifact, file] of logs)
			if (fs.existsSync(file)) fs.copyFileSync(file, path.join(target, artifact));
		fs.rmSync(folder, { recursive: true, force: true });
	};
}
