/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * The sandbox in its own process, so its CPU and memory never count as n8n's. Started by the
 * project's one sandbox launcher (scripts/lib/sandbox.mjs); driven only through its HTTP control API.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

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

/** What the bench uses of scripts/lib/sandbox.mjs (plain ESM without type declarations). */
interface SandboxLauncher {
	startSandboxProcess(options: {
		port?: number;
		args?: string[];
		nodeArgs?: string[];
	}): Promise<{ url: string; pid: number; stop(): Promise<void> }>;
}

export async function startSandboxProcess(
	root: string,
	members: number,
	latencyMs: number,
	tsHook: string[],
): Promise<SandboxProcess> {
	const launcher = (await import(
		path.join(root, 'scripts', 'lib', 'sandbox.mjs')
	)) as SandboxLauncher;
	// Port 0: the OS picks a free port and the CLI prints it; no race with another process.
	const sandbox = await launcher.startSandboxProcess({
		port: 0,
		args: ['--latency', String(latencyMs), '--members', String(members)],
		nodeArgs: tsHook,
	});
	const url = sandbox.url;

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
		cpuMs: () => processCpuMs(sandbox.pid),
		stop: () => void sandbox.stop(),
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
