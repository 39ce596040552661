/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * npm run bench -- --queue: the Mallcoo node on n8n's queue mode, 1 worker against 2 in one run.
 * Starts the queue-mode stack of `npm start -- --queue` (scripts/lib/queue.mjs: PostgreSQL,
 * Redis, the n8n main, one worker, the sandbox at 50 ms) in a temporary folder, measures 4,000
 * look-ups split over 40 executions of e2e/queue/fixtures/bulk-lookup.json (node Concurrency 1,
 * worker concurrency 5), adds a second worker and measures the same again. Reports items/s and
 * the CPU each process used per item (/proc/<pid>/stat of its process group, before and after),
 * into bench-results/queue.md (.json) and queue-<date>.md (.json). Exits 1 when 2 workers reach
 * less than 1.6 × the items/s of one.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// @ts-expect-error plain ESM without type declarations
import { startQueueStack } from '../scripts/lib/queue.mjs';
import { generatedMember, type RecordedRequest } from '../sandbox/server';

const ROOT = path.resolve(__dirname, '..');
const RESULTS_DIR = path.join(ROOT, 'bench-results');
const FIXTURE = path.join(ROOT, 'e2e', 'queue', 'fixtures', 'bulk-lookup.json');

const LATENCY_MS = 50;
const EXECUTIONS = 40;
const ITEMS_PER_EXECUTION = 100; // 4,000 look-ups per measured run
const WORKER_CONCURRENCY = 5;
const NODE_CONCURRENCY = 1;
const TARGET_SPEED_UP = 1.6;
/** One worker's ceiling: WORKER_CONCURRENCY executions at once, each one request at a time. */
const IDEAL_PER_WORKER = (WORKER_CONCURRENCY * NODE_CONCURRENCY * 1000) / LATENCY_MS;

interface Service {
	name: string;
	pid: number;
}

interface Measurement {
	workers: number;
	items: number;
	wallMs: number;
	itemsPerSecond: number;
	/** Process (group) name → CPU ms over the run per item. */
	cpuMsPerItem: Record<string, number>;
	/** Executions per worker, from the workers' logs. */
	executionsPerWorker: Record<string, number>;
	problems: string[];
}

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

/**
 * CPU time of a process group so far: utime + stime of every live member, plus the cutime +
 * cstime they collected from children that ended (PostgreSQL's backends, n8n's task runners).
 */
function groupCpuMs(pgid: number): number {
	let ticks = 0;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat: string;
		try {
			stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // ended meanwhile
		}
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(fields[2]) !== pgid) continue;
		ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
	}
	return ticks * CLOCK_TICK_MS;
}

const mobiles = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => generatedMember(from + i).Mobile);

async function json<T>(response: Response): Promise<T> {
	const text = await response.text();
	if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 300)}`);
	return JSON.parse(text) as T;
}

type Item = { Mobile?: string; error?: string };

/** Runs `executions` executions at once, `perExecution` items each; returns the failed items. */
async function fire(
	hookUrl: string,
	executions: number,
	perExecution: number,
	firstMember: number,
): Promise<string[]> {
	const problems: string[] = [];
	await Promise.all(
		Array.from({ length: executions }, async (_, i) => {
			const list = mobiles(firstMember + i * perExecution, perExecution);
			const items = await json<Item[]>(
				await fetch(hookUrl, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ mobiles: list, concurrency: NODE_CONCURRENCY, rate: 0 }),
				}),
			);
			if (items.length !== list.length)
				problems.push(`execution ${i}: ${items.length} items for ${list.length}`);
			items.forEach((item, index) => {
				if (item.error || item.Mobile !== list[index])
					problems.push(`execution ${i} item ${index}: ${item.error ?? item.Mobile}`);
			});
		}),
	);
	return problems;
}

function workerLogCounts(
	workers: Array<{ name: string; logPath: string }>,
): Record<string, number> {
	return Object.fromEntries(
		workers.map((worker) => [
			worker.name,
			(readFileSync(worker.logPath, 'utf8').match(/Worker started execution \d+/g) ?? []).length,
		]),
	);
}

export async function main(): Promise<void> {
	const began = Date.now();
	const loadBefore = os.loadavg()[0];
	const folder = mkdtempSync(path.join(os.tmpdir(), 'mallcoo-bench-queue-'));
	const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8'));
	const members = EXECUTIONS * ITEMS_PER_EXECUTION;
	process.stderr.write(`queue bench: starting PostgreSQL, Redis, the n8n main and 1 worker ...\n`);
	const stack = await startQueueStack({
		folder,
		workers: 1,
		concurrency: WORKER_CONCURRENCY,
		durable: false,
		n8nPort: 0,
		sandboxPort: 0,
		sandboxArgs: ['--latency', String(LATENCY_MS), '--members', String(members)],
		workflows: [],
		extraWorkflows: [{ json: fixture }],
		quiet: true,
	});
	const measurements: Measurement[] = [];
	try {
		const hookUrl = `${stack.url}/webhook/queue/bulk-lookup`;
		const sandboxUrl: string = stack.sandbox.url;
		const services = (): Service[] => [
			{ name: 'n8n main', pid: stack.n8n.pid },
			...stack.workers.map((worker: { name: string; pid: number }) => ({
				name: `n8n ${worker.name}`,
				pid: worker.pid,
			})),
			{ name: 'PostgreSQL', pid: stack.postgres.pid },
			{ name: 'Redis', pid: stack.redis.pid },
			{ name: 'sandbox', pid: stack.sandbox.pid },
		];

		const measure = async (): Promise<Measurement> => {
			const workers = stack.workers.length;
			// Warm-up: every worker runs a few executions first (code loaded, connections open).
			const warm = await fire(hookUrl, 4 * workers, 10, 1);
			if (warm.length) throw new Error(`warm-up failed: ${warm.slice(0, 3).join('; ')}`);
			await json(await fetch(`${sandboxUrl}/__sandbox/requests`, { method: 'DELETE' }));
			const logsBefore = workerLogCounts(stack.workers);
			const cpuBefore = services().map((service) => groupCpuMs(service.pid));
			const started = performance.now();
			const problems = await fire(hookUrl, EXECUTIONS, ITEMS_PER_EXECUTION, 1);
			const wallMs = performance.now() - started;
			const cpuAfter = services().map((service) => groupCpuMs(service.pid));
			const logsAfter = workerLogCounts(stack.workers);
			const log = await json<RecordedRequest[]>(await fetch(`${sandboxUrl}/__sandbox/requests`));
			const items = EXECUTIONS * ITEMS_PER_EXECUTION;
			if (log.length !== items)
				problems.push(`the sandbox saw ${log.length} requests for ${items} items`);
			const refused = log.filter((request) => request.response.code !== 1).length;
			if (refused) problems.push(`${refused} requests not answered Code 1`);
			const measurement: Measurement = {
				workers,
				items,
				wallMs,
				itemsPerSecond: (items / wallMs) * 1000,
				cpuMsPerItem: Object.fromEntries(
					services().map((service, i) => [service.name, (cpuAfter[i] - cpuBefore[i]) / items]),
				),
				executionsPerWorker: Object.fromEntries(
					Object.entries(logsAfter).map(([name, count]) => [name, count - (logsBefore[name] ?? 0)]),
				),
				problems: problems.slice(0, 10),
			};
			process.stderr.write(
				`  ${workers} worker${workers > 1 ? 's' : ''}: ${measurement.itemsPerSecond.toFixed(1)} items/s (${(wallMs / 1000).toFixed(1)} s), executions per worker ${JSON.stringify(measurement.executionsPerWorker)}\n`,
			);
			return measurement;
		};

		measurements.push(await measure());
		process.stderr.write('queue bench: adding a second worker ...\n');
		await stack.addWorker();
		measurements.push(await measure());
	} finally {
		await stack.stop();
		rmSync(folder, { recursive: true, force: true });
	}

	const [one, two] = measurements;
	const speedUp = two.itemsPerSecond / one.itemsPerSecond;
	const failures = [
		...measurements.flatMap((m) => m.problems.map((p) => `${m.workers} workers: ${p}`)),
		...(speedUp < TARGET_SPEED_UP
			? [`2 workers reached ${speedUp.toFixed(2)} × one worker's items/s (< ${TARGET_SPEED_UP})`]
			: []),
	];
	const meta = {
		date: new Date().toISOString(),
		totalSeconds: (Date.now() - began) / 1000,
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model ?? 'unknown CPU',
		loadBefore,
		loadAfter: os.loadavg()[0],
	};
	const names = [...new Set(measurements.flatMap((m) => Object.keys(m.cpuMsPerItem)))];
	/** CPU ms per item of the run; for a worker also per item it ran itself. */
	const cell = (m: Measurement, name: string) => {
		const perItem = m.cpuMsPerItem[name];
		if (perItem === undefined) return '—';
		const ran = (m.executionsPerWorker[name.replace(/^n8n /, '')] ?? 0) * ITEMS_PER_EXECUTION;
		return ran && ran !== m.items
			? `${perItem.toFixed(3)} (${((perItem * m.items) / ran).toFixed(3)} per item it ran)`
			: perItem.toFixed(3);
	};
	const lines = [
		`# Mallcoo node on n8n queue mode — ${meta.date}`,
		'',
		`${EXECUTIONS} executions of ${ITEMS_PER_EXECUTION} look-ups (member/get by mobile, ${EXECUTIONS * ITEMS_PER_EXECUTION} in all) sent at once to the bulk look-up webhook (e2e/queue/fixtures/bulk-lookup.json); sandbox latency ${LATENCY_MS} ms; worker concurrency ${WORKER_CONCURRENCY}; node Concurrency ${NODE_CONCURRENCY}: one worker can reach at most ${IDEAL_PER_WORKER} items/s. The same stack measured with 1 worker, then with a second added.`,
		'',
		'| workers | items/s | wall s | executions per worker | result |',
		'| --- | ---: | ---: | --- | --- |',
		...measurements.map(
			(m) =>
				`| ${m.workers} | ${m.itemsPerSecond.toFixed(1)} | ${(m.wallMs / 1000).toFixed(1)} | ${Object.entries(
					m.executionsPerWorker,
				)
					.map(([name, count]) => `${name}: ${count}`)
					.join(', ')} | ${m.problems.length ? '**problems**' : 'all items answered'} |`,
		),
		'',
		`Speed-up with 2 workers: **${speedUp.toFixed(2)} ×** (target ≥ ${TARGET_SPEED_UP} ×).`,
		'',
		"CPU ms per item (of all the run's items) of each process group over the measured run (/proc/<pid>/stat: utime + stime of its processes, with their ended children):",
		'',
		`| process | ${measurements.map((m) => `${m.workers} worker${m.workers > 1 ? 's' : ''}`).join(' | ')} |`,
		`| --- | ${measurements.map(() => '---:').join(' | ')} |`,
		...names.map((name) => `| ${name} | ${measurements.map((m) => cell(m, name)).join(' | ')} |`),
		'',
		`Total ${meta.totalSeconds.toFixed(0)} s on ${meta.cpus} × ${meta.cpuModel}; load average ${meta.loadBefore.toFixed(2)} before, ${meta.loadAfter.toFixed(2)} after.`,
	];
	if (Math.max(meta.loadBefore, meta.loadAfter) > meta.cpus / 2)
		lines.push(
			'',
			`**Warning**: the machine was busy (load average above ${meta.cpus / 2}); other processes took CPU from this run.`,
		);
	lines.push(
		'',
		failures.length
			? `## Targets missed\n\n${failures.map((f) => `- ${f}`).join('\n')}`
			: 'All targets met.',
	);
	const markdown = `${lines.join('\n')}\n`;
	process.stdout.write(markdown);

	mkdirSync(RESULTS_DIR, { recursive: true });
	const stamp = meta.date.replace(/[:.]/g, '-');
	const data = `${JSON.stringify({ meta, settings: { LATENCY_MS, EXECUTIONS, ITEMS_PER_EXECUTION, WORKER_CONCURRENCY, NODE_CONCURRENCY, TARGET_SPEED_UP }, speedUp, measurements }, null, 2)}\n`;
	for (const name of [`queue-${stamp}`, 'queue']) {
		writeFileSync(path.join(RESULTS_DIR, `${name}.md`), markdown);
		writeFileSync(path.join(RESULTS_DIR, `${name}.json`), data);
	}
	process.stdout.write(
		`\nWritten to bench-results/queue-${stamp}.md and .json (also queue.md, queue.json)\n`,
	);
	process.exit(failures.length ? 1 : 0);
}
