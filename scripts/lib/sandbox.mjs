// The one launcher of the Mallcoo sandbox (sandbox/cli.ts) as a child process: npm start
// (scripts/lib/stack.mjs, scripts/lib/queue.mjs), the e2e suites' global setups, the bench
// (bench/sandbox-process.ts) and the sandbox's own command-line test. Runs the TypeScript through
// the project's tsx, so it needs the project's dependencies; otherwise plain Node built-ins.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { REPO_ROOT } from './install.mjs';
import { freePorts, killGroup, sleep, withParentDeathSignal } from './process.mjs';

export const SANDBOX_PORT = 3010; // preferred; a free one when taken

const sandboxes = new Set(); // running sandbox children, ended when this process exits

/**
 * Starts the Mallcoo sandbox on 127.0.0.1 (`port`, default 3010 when free, else a free one; 0
 * lets the OS pick one, read back from the sandbox's output, with no race against other processes).
 * `args` go to sandbox/cli.ts as they are (e.g. ['--members', '5000', '--latency', '50']).
 * `nodeArgs` replace the default TypeScript loader (the bench passes its own hook).
 * Returns { url, port, pid, credentials: {appId, publicKey, privateKey}, logPath, stop(), exited }.
 */
export async function startSandboxProcess({
	port,
	logPath,
	args = [],
	nodeArgs,
	timeoutMs = 30_000,
} = {}) {
	const wanted = port ?? (await freePorts(1, SANDBOX_PORT))[0];
	// The project's tsx as an --import loader (createRequire: test runners may not offer import.meta.resolve).
	const loader = nodeArgs ?? [
		'--import',
		pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href,
	];
	const env = { ...process.env };
	delete env.NODE_OPTIONS; // a test runner's loader flags are not meant for the sandbox
	const [command, commandArgs] = withParentDeathSignal(process.execPath, [
		...loader,
		path.join('sandbox', 'cli.ts'),
		'--port',
		String(wanted),
		'--host',
		'127.0.0.1',
		...args,
	]);
	const child = spawn(command, commandArgs, {
		cwd: REPO_ROOT,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const entry = { child };
	sandboxes.add(entry);
	if (sandboxes.size === 1) process.on('exit', killSandboxesNow);
	let output = '';
	const collect = (chunk) => {
		output += chunk;
		if (logPath) fs.appendFileSync(logPath, chunk);
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	entry.exited = new Promise((resolve) => {
		child.once('exit', (code, signal) => resolve(signal ?? code));
		child.once('error', (error) => resolve(error.message));
	}).then((reason) => {
		sandboxes.delete(entry);
		return reason;
	});
	let exited = null;
	entry.exited.then((reason) => (exited = reason));

	const deadline = Date.now() + timeoutMs;
	while (!output.includes('Ctrl+C to stop.')) {
		if (exited !== null)
			throw new Error(`The sandbox exited (${exited}) before it was ready:\n${output.trim()}`);
		if (Date.now() > deadline) {
			killGroup(child.pid, 'SIGKILL');
			throw new Error(`The sandbox was not ready after ${timeoutMs / 1000} s:\n${output.trim()}`);
		}
		await sleep(50);
	}
	const field = (label) => new RegExp(`^\\s*${label}\\s+(\\S+)\\s*$`, 'm').exec(output)?.[1];
	const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
	const credentials = {
		appId: field('AppID'),
		publicKey: field('Public Key'),
		privateKey: field('Private Key'),
	};
	if (!url || !credentials.appId || !credentials.publicKey || !credentials.privateKey) {
		killGroup(child.pid, 'SIGKILL');
		throw new Error(
			`Could not read the sandbox's address and demo keys from its output:\n${output}`,
		);
	}
	const stop = () =>
		(entry.stopping ??= (async () => {
			killGroup(child.pid, 'SIGTERM'); // the sandbox closes itself on SIGTERM
			const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
			await entry.exited;
			clearTimeout(timer);
		})());
	return {
		url,
		port: Number(new URL(url).port),
		pid: child.pid,
		credentials,
		logPath,
		stop,
		exited: entry.exited,
	};
}

/** SIGKILL to every sandbox this process started (one still starting included). */
export function killSandboxesNow() {
	for (const { child } of sandboxes) killGroup(child.pid, 'SIGKILL');
}
