/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * The sandbox in its own process (sandbox/cli.ts), so its CPU and memory never count as n8n's.
 * Driven only through its HTTP control API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

import type { RecordedRequest } from '../sandbox/server';

export interface SandboxProcess {
	url: string;
	/** Re-seed, empty the log and set the latency (reset alone sets latency to 0). */
	reset(latencyMs: number): Promise<void>;
	clearRequests(): Promise<void>;
	requests(): Promise<RecordedRequest[]>;
	/** CPU time the sandbox process has used so far (Linux /proc), or NaN where unavailable. */
	cpuMs(): number;
	stop(): void;
}

export async function startSandboxProcess(
	root: string,
	members: number,
	latencyMs: number,
	tsHook: string[],
): Promise<SandboxProcess> {
	// --port 0: the OS picks a free port and the CLI prints it; no race with another process.
	const args = [
		...tsHook,
		'sandbox/cli.ts',
		'--port',
		'0',
		'--latency',
		String(latencyMs),
		'--members',
		String(members),
	];
	const child: ChildProcess = spawn(process.execPath, args, {
		cwd: root,
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const url = await new Promise<string>((resolve, reject) => {
		let text = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			text += chunk.toString();
			const match = /listening on (http:\/\/\S+)/.exec(text);
			if (match) resolve(match[1]);
		});
		child.once('exit', (code) =>
			reject(new Error(`the sandbox exited (${code}) before listening`)),
		);
	});
	child.stdout!.resume();

	const control = async (method: string, path: string, body?: unknown) => {
		const response = await fetch(`${url}/__sandbox/${path}`, {
			method,
			headers: body ? { 'content-type': 'application/json' } : undefined,
			body: body ? JSON.stringify(body) : undefined,
		});
		if (!response.ok)
			throw new Error(
				`sandbox ${method} ${path}: HTTP ${response.status} ${await response.text()}`,
			);
		return response.json();
	};

	return {
		url,
		async reset(ms) {
			await control('POST', 'reset');
			await control('POST', 'latency', { ms });
		},
		async clearRequests() {
			await control('DELETE', 'requests');
		},
		requests: () => control('GET', 'requests') as Promise<RecordedRequest[]>,
		cpuMs: () => processCpuMs(child.pid),
		stop: () => void child.kill('SIGTERM'),
	};
}

/**
 * utime + stime from /proc/<pid>/stat, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
 * Shows whether the sandbox, not the node, was the bottleneck of a run.
 */
function processCpuMs(pid: number | undefined): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return NaN;
	}
}
