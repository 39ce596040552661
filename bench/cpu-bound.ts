/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * The CPU-bound configuration: one real n8n server (scripts/lib, as `npm start` runs it: n8n 2.41.1 on its
 * Node 24, this package installed as a community package) runs three paths against the sandbox
 * at 0 ms latency, in rounds whose order turns (node, floor, alternative; floor, alternative, node; ...):
 *
 * - node: the Mallcoo node; - floor: n8n's request helper alone (bench/floor.ts, installed into
 *   the same package folder); - alternative: a Code node that signs + the HTTP Request node
 *   (bench/n8n-workflows.ts).
 *
 * Each round is one production webhook call carrying all items. Its CPU is n8n's: the n8n
 * process group's utime + stime from /proc (the main process and its task runner, which runs the
 * Code node), read before the call and after its answer. The sandbox is a separate process.
 * Then one profiled round per op for the node and the floor (bench/profile.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ts from 'typescript';

import { DEMO_CREDENTIALS, generatedMember, type RecordedRequest } from '../sandbox/server';
import {
	BENCH_CREDENTIAL,
	CPU_PATHS,
	benchWorkflow,
	type BenchWorkflow,
	type CpuPath,
} from './n8n-workflows';
import { OPS, type Op } from './ops';
import { PROFILE_HOOK, analyseProfile, type CpuProfile, type ProfileAnalysis } from './profile';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';

export interface CpuRound {
	path: CpuPath;
	op: Op;
	round: number;
	items: number;
	wallMs: number;
	itemsPerSecond: number;
	/** n8n's CPU (main process + task runner) over the call, from /proc. */
	cpuMs: number;
	cpuMsPerItem: number;
	/** The n8n main process's peak RSS during the call (VmHWM, reset before it). */
	peakRssMb: number;
	sandboxCpuShare: number;
	problems: string[];
}

export interface CpuSummary {
	path: CpuPath;
	op: Op;
	rounds: number;
	itemsPerSecond: number;
	cpuMsPerItem: number;
	peakRssMb: number;
	sandboxCpuShare: number;
}

export interface CpuProfileResult {
	path: CpuPath;
	op: Op;
	file: string;
	itemsPerSecond: number;
	analysis: ProfileAnalysis;
}

export interface CpuBoundResult {
	items: number;
	concurrency: number;
	roundsPerPath: number;
	n8nVersion: string;
	nodeVersion: string;
	rounds: CpuRound[];
	summaries: CpuSummary[];
	profiles: CpuProfileResult[];
	problems: string[];
}

export interface CpuBoundOptions {
	root: string;
	resultsDir: string;
	stamp: string;
	items: number;
	concurrency: number;
	rounds: number;
	members: number;
	tsHook: string[];
	profile: boolean;
	log: (text: string) => void;
}

interface N8nServerModule {
	buildAndPack(options?: { build?: boolean }): Promise<string>;
	installPackageIntoUserFolder(userFolder: string, tarball: string): Promise<string>;
	startN8n(options: {
		userFolder: string;
		env?: Record<string, string>;
		credentialsFile?: string;
		workflowsFiles?: string[];
		cacheDir?: string;
		timeoutMs?: number;
	}): Promise<{ url: string; pid: number; logPath: string; stop(): Promise<void> }>;
	ensureOwner(url: string): Promise<boolean>;
	login(url: string, email: string, password: string): Promise<string>;
	waitForPublished(url: string, cookie: string, id: string): Promise<unknown>;
	DEFAULT_OWNER: { email: string; password: string };
	CACHE_DIR: string;
	N8N_VERSION: string;
	NODE_VERSION: string;
}

/** The parts of scripts/lib (the library `npm start` uses) that the bench needs, as one module. */
async function n8nServerModule(root: string): Promise<N8nServerModule> {
	const lib = (name: string) => import(path.join(root, 'scripts', 'lib', `${name}.mjs`));
	const modules = await Promise.all(['install', 'package', 'server', 'api'].map(lib));
	return Object.assign({}, ...modules) as N8nServerModule;
}

export const median = (values: number[]) => {
	const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** utime + stime of every process in the group, in ms (10 ms clock ticks). */
function groupCpuMs(pgid: number): number {
	let ticks = 0;
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
		} catch {
			// the process ended meanwhile
		}
	}
	return ticks * 10;
}

function resetPeakRss(pid: number): void {
	try {
		fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
	} catch {
		// not permitted here: the peak is then the process's lifetime peak
	}
}

function peakRssMb(pid: number): number {
	try {
		const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : NaN;
	} catch {
		return NaN;
	}
}

interface CallResult {
	wallMs: number;
	cpuMs: number;
	sandboxCpuShare: number;
	peak: number;
	problems: string[];
	bodies: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(20);
	}
}

/**
 * bench/floor.ts as a node of the installed package (`n8n-nodes-mallcoo.helperFloor`), compiled
 * next to the package's own dist/, so its imports of the node's transport are the package's.
 */
function addFloorNode(packageDir: string, root: string): void {
	const outDir = path.join(packageDir, 'dist', 'bench');
	fs.mkdirSync(outDir, { recursive: true });
	const compile = (source: string, target: string) => {
		const { outputText } = ts.transpileModule(fs.readFileSync(path.join(root, source), 'utf8'), {
			compilerOptions: {
				module: ts.ModuleKind.CommonJS,
				target: ts.ScriptTarget.ES2022,
				esModuleInterop: true,
			},
		});
		fs.writeFileSync(path.join(outDir, target), outputText);
	};
	compile('bench/floor.ts', 'HelperFloor.node.js');
	compile('bench/ops.ts', 'ops.js');
	const manifestFile = path.join(packageDir, 'package.json');
	const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
	manifest.n8n.nodes.push('dist/bench/HelperFloor.node.js');
	fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
}

const mobiles = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => generatedMember(from + i).Mobile);

export async function runCpuBound(options: CpuBoundOptions): Promise<CpuBoundResult> {
	const { root, log } = options;
	// scripts/lib reports progress with console.log; stdout is the bench's report.
	const consoleLog = console.log;
	console.log = (...args: unknown[]) => console.error(...args);
	const server = await n8nServerModule(root);
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'mallcoo-bench-n8n-'));
	const sandbox: SandboxProcess = await startSandboxProcess(
		root,
		options.members,
		0,
		options.tsHook,
	);
	let n8n: Awaited<ReturnType<N8nServerModule['startN8n']>> | undefined;
	const result: CpuBoundResult = {
		items: options.items,
		concurrency: options.concurrency,
		roundsPerPath: options.rounds,
		n8nVersion: server.N8N_VERSION,
		nodeVersion: server.NODE_VERSION,
		rounds: [],
		summaries: [],
		profiles: [],
		problems: [],
	};
	try {
		log('cpu-bound: building and packing the package ...');
		const tarball = await server.buildAndPack({ build: true });
		let packageDir: string;
		try {
			packageDir = await server.installPackageIntoUserFolder(userFolder, tarball);
		} finally {
			fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		}
		addFloorNode(packageDir, root);

		const credentials = { ...DEMO_CREDENTIALS };
		const credentialsFile = path.join(userFolder, 'bench-credentials.json');
		fs.writeFileSync(
			credentialsFile,
			JSON.stringify([
				{
					...BENCH_CREDENTIAL,
					data: { ...credentials, baseUrl: sandbox.url, authBaseUrl: sandbox.url },
				},
			]),
			{ mode: 0o600 },
		);
		const workflows: BenchWorkflow[] = OPS.flatMap((op) =>
			CPU_PATHS.map((cpuPath) =>
				benchWorkflow(cpuPath, op, options.concurrency, { url: sandbox.url, credentials }),
			),
		);
		const workflowsFile = path.join(userFolder, 'bench-workflows.json');
		fs.writeFileSync(workflowsFile, JSON.stringify(workflows.map((w) => w.json)));
		const hookFile = path.join(userFolder, 'bench-profile-hook.cjs');
		fs.writeFileSync(hookFile, PROFILE_HOOK);
		const profileFile = path.join(userFolder, 'bench.cpuprofile');

		log(`cpu-bound: starting n8n ${server.N8N_VERSION} (user folder ${userFolder}) ...`);
		n8n = await server.startN8n({
			userFolder,
			cacheDir: process.env.N8N_CACHE_DIR ?? server.CACHE_DIR,
			credentialsFile,
			workflowsFiles: [workflowsFile],
			timeoutMs: 300_000,
			env: {
				// The README's recipe needs `require('crypto')` in the Code node.
				NODE_FUNCTION_ALLOW_BUILTIN: 'crypto',
				EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
				NODE_OPTIONS: `--require ${hookFile}`,
				BENCH_CPU_PROFILE_FILE: profileFile,
			},
		});
		const { url, pid } = n8n;
		await server.ensureOwner(url);
		const cookie = await server.login(
			url,
			server.DEFAULT_OWNER.email,
			server.DEFAULT_OWNER.password,
		);
		for (const workflow of workflows) await server.waitForPublished(url, cookie, workflow.id);

		/** One webhook call; checks from the sandbox log that every item was one accepted request. */
		const call = async (
			workflow: BenchWorkflow,
			list: string[],
			attempt = 1,
		): Promise<CallResult> => {
			await sandbox.reset(0);
			resetPeakRss(pid);
			const sandboxBefore = sandbox.cpuMs();
			const cpuBefore = groupCpuMs(pid);
			const startedAt = performance.now();
			const response = await fetch(`${url}/webhook/${workflow.webhookPath}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ mobiles: list }),
				signal: AbortSignal.timeout(600_000),
			});
			const text = await response.text();
			const wallMs = performance.now() - startedAt;
			const cpuMs = groupCpuMs(pid) - cpuBefore;
			const sandboxCpuShare = (sandbox.cpuMs() - sandboxBefore) / wallMs;
			const peak = peakRssMb(pid);
			// On a loaded machine n8n's database health check can time out; n8n then refuses
			// webhooks with 503 "Database is not ready!" before running anything. Call again.
			if (response.status === 503 && attempt < 5) {
				log(`cpu-bound: n8n answered 503 (${text.slice(0, 80)}); calling again`);
				await sleep(2000);
				return call(workflow, list, attempt + 1);
			}
			const problems: string[] = [];
			if (!response.ok) problems.push(`HTTP ${response.status}: ${text.slice(0, 300)}`);
			const recorded: RecordedRequest[] = await sandbox.requests();
			if (recorded.length !== list.length)
				problems.push(`the sandbox saw ${recorded.length} requests for ${list.length} items`);
			const refused = recorded.filter((r) => r.response.code !== 1);
			if (refused.length)
				problems.push(
					`${refused.length} requests not answered Code 1, e.g. ${JSON.stringify(refused[0].response)}`,
				);
			const bodies = recorded.map((r) => `${r.path} ${r.rawBody}`).sort();
			return { wallMs, cpuMs, sandboxCpuShare, peak, problems, bodies };
		};

		const list = mobiles(1, options.items);
		const warmup = mobiles(options.members - 199, 200);
		for (const op of OPS) {
			const ofOp = workflows.filter((w) => w.op === op);
			log(`cpu-bound ${op}: warm-up ...`);
			for (const workflow of ofOp) {
				await call(workflow, warmup);
				await call(workflow, warmup);
			}
			const bodiesOf = new Map<CpuPath, string>();
			for (let round = 1; round <= options.rounds; round++) {
				const line: string[] = [];
				// The order turns every round: a path that always followed the alternative would
				// always pay for the garbage the alternative's Code node and expressions leave behind.
				for (let turn = 0; turn < ofOp.length; turn++) {
					const workflow = ofOp[(round - 1 + turn) % ofOp.length];
					const measured = await call(workflow, list);
					if (round === 1) bodiesOf.set(workflow.path, measured.bodies.join('\n'));
					const cpuRound: CpuRound = {
						path: workflow.path,
						op,
						round,
						items: list.length,
						wallMs: measured.wallMs,
						itemsPerSecond: (list.length / measured.wallMs) * 1000,
						cpuMs: measured.cpuMs,
						cpuMsPerItem: measured.cpuMs / list.length,
						peakRssMb: measured.peak,
						sandboxCpuShare: measured.sandboxCpuShare,
						problems: measured.problems,
					};
					result.rounds.push(cpuRound);
					result.problems.push(
						...measured.problems.map(
							(p) => `cpu-bound ${op} ${workflow.path} round ${round}: ${p}`,
						),
					);
					line.push(
						`${workflow.path} ${cpuRound.itemsPerSecond.toFixed(0)}/s ${cpuRound.cpuMsPerItem.toFixed(2)} ms`,
					);
					await sleep(300);
				}
				log(`cpu-bound ${op} round ${round}/${options.rounds}: ${line.join(', ')}`);
			}
			const reference = bodiesOf.get('node');
			for (const [cpuPath, bodies] of bodiesOf) {
				if (bodies !== reference)
					result.problems.push(`cpu-bound ${op}: ${cpuPath} sent other paths/bodies than the node`);
			}
			for (const cpuPath of CPU_PATHS) {
				const rounds = result.rounds.filter((r) => r.op === op && r.path === cpuPath);
				result.summaries.push({
					path: cpuPath,
					op,
					rounds: rounds.length,
					itemsPerSecond: median(rounds.map((r) => r.itemsPerSecond)),
					cpuMsPerItem: median(rounds.map((r) => r.cpuMsPerItem)),
					peakRssMb: median(rounds.map((r) => r.peakRssMb)),
					sandboxCpuShare: median(rounds.map((r) => r.sandboxCpuShare)),
				});
			}

			if (!options.profile) continue;
			for (const workflow of ofOp.filter((w) => w.path !== 'alternative')) {
				// One unprofiled call first, so that what the previous path left (garbage to collect)
				// is paid for there, not in the profile.
				await call(workflow, list);
				fs.rmSync(profileFile, { force: true });
				process.kill(pid, 'SIGUSR2');
				await waitFor(() => fs.existsSync(`${profileFile}.started`), 'the profiler to start');
				const measured = await call(workflow, list);
				process.kill(pid, 'SIGUSR2');
				await waitFor(() => fs.existsSync(profileFile), 'the profile to be written', 60_000);
				const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8')) as CpuProfile;
				const name = `cpu-${workflow.path}-${op.replace('/', '-')}-${options.stamp}.cpuprofile`;
				fs.mkdirSync(options.resultsDir, { recursive: true });
				fs.copyFileSync(profileFile, path.join(options.resultsDir, name));
				const itemsPerSecond = (list.length / measured.wallMs) * 1000;
				result.profiles.push({
					path: workflow.path,
					op,
					file: name,
					itemsPerSecond,
					analysis: analyseProfile(profile, list.length),
				});
				log(
					`cpu-bound ${op}: profiled ${workflow.path} (${itemsPerSecond.toFixed(0)}/s) → ${name}`,
				);
			}
		}
	} finally {
		console.log = consoleLog;
		await n8n?.stop().catch(() => {});
		sandbox.stop();
		if (!process.env.BENCH_KEEP_N8N_FOLDER) fs.rmSync(userFolder, { recursive: true, force: true });
		else log(`cpu-bound: kept ${userFolder}`);
	}
	return result;
}
