#!/usr/bin/env node
// `npm start` (node scripts/start.mjs): the Mallcoo sandbox and a real n8n with this package, a
// ready credential and the example workflows, until Ctrl-C. `npm start -- --queue` (npm run
// start:queue) runs the same content on n8n's queue mode: PostgreSQL, Redis, the n8n main and
// workers. The stacks themselves are scripts/lib/stack.mjs and scripts/lib/queue.mjs (the e2e
// suites start them too); this file is the command line and what it prints.
// Plain Node ESM with built-ins only: it runs before the project's dependencies are installed.

import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { elapsed, killAllNow, tail } from './lib/process.mjs';
import {
	DEFAULT_QUEUE_FOLDER,
	DEFAULT_WORKERS,
	DEFAULT_WORKER_CONCURRENCY,
	startQueueStack,
} from './lib/queue.mjs';
import { SANDBOX_PORT, killSandboxesNow } from './lib/sandbox.mjs';
import {
	CREDENTIAL,
	DEFAULT_USER_FOLDER,
	N8N_PORT,
	ensureProjectDependencies,
	isMallcooTrigger,
	log,
	productionWebhooks,
	sandboxSignInUrl,
	startStack,
} from './lib/stack.mjs';

// ---------------------------------------------------------------------------------------------
// What `npm start` prints once everything is up

// `auth` is the `-H '<header>: <secret>'` every example webhook wants (Header Auth).
const TRY = {
	mallcooLookup001: (hook, auth) => [`curl -s ${auth} '${hook.url}?mobile=13800000001'`],
	mallcooTagList01: (hook, auth) => [
		`curl -s -X POST '${hook.url}' ${auth} -H 'content-type: application/json' \\`,
		`     -d '{"mobiles": ["13800000001", "13800000002", "13899999999"], "tagIds": "30,31", "description": "Spring campaign"}'`,
	],
	mallcooCrmSync01: (hook, auth) => [
		`curl -s -X POST '${hook.url}' ${auth} -H 'content-type: application/json' \\`,
		`     -d '{"crmId": "CRM10000001", "grade": "3", "points": 12800}'`,
	],
};

/** Queue mode: what runs where. */
function queueLines(stack) {
	if (!stack.workers) return [];
	const { postgres, redis, workers } = stack;
	return [
		` Queue mode: the main (editor, API, webhooks) enqueues executions in Redis 127.0.0.1:${redis.port} (password);`,
		`   ${workers.length} workers run them (${workers.map((w) => `${w.name} pid ${w.pid}, concurrency ${w.concurrency}`).join('; ')})`,
		`   PostgreSQL 127.0.0.1:${postgres.port}, database ${postgres.database} (password); data in ${stack.folder}`,
	];
}

export function summary(stack) {
	const { url, sandbox, owner, ownerCreated, userFolder, secretsFile, webhookSecret } = stack;
	const auth = `-H '${webhookSecret.header}: ${webhookSecret.value}'`;
	const lines = [
		'',
		'================================================================================',
		` n8n (with n8n-nodes-mallcoo) is running:  ${url}   (listening on 127.0.0.1 only)`,
		ownerCreated || stack.cookie
			? ` Sign in:  ${owner.email}  /  ${owner.password}`
			: ` Sign in with the owner account of ${userFolder}`,
		` Mallcoo sandbox:  ${sandbox.url}   (credential "${CREDENTIAL.name}" points at it)`,
		...queueLines(stack),
		` The example webhooks want the header  ${auth.slice(4, -1)}`,
		` (the owner password and this secret are stored in ${secretsFile}, readable by you only)`,
		'',
		' Example workflows (published):',
	];
	const tries = [];
	for (const workflow of stack.workflows) {
		const hooks = productionWebhooks(url, workflow.json);
		const state = workflow.published
			? ''
			: workflow.problem
				? '  (NOT ACTIVE: see the editor)'
				: '  (unpublished)';
		lines.push(`   ${workflow.published ? '●' : '○'} ${workflow.name}${state}`);
		lines.push(`       ${url}/workflow/${workflow.id}`);
		for (const hook of hooks) {
			if (TRY[workflow.id])
				tries.push(
					`   # ${workflow.name}`,
					...TRY[workflow.id](hook, auth).map((line) => `   ${line}`),
				);
			if (isMallcooTrigger(hook.type)) {
				tries.push(
					`   # ${workflow.name}: open in a browser (signs in as the sandbox member 13800000001)`,
					`   ${sandboxSignInUrl(sandbox, hook.url)}`,
					`   # or the trigger's address itself: without a ticket it answers a page listing every sign-in link`,
					`   ${hook.url}`,
				);
			}
		}
	}
	lines.push('', ' Try first:', ...tries);
	lines.push(
		'',
		` Sandbox requests log: curl -s ${sandbox.url}/__sandbox/requests   (members: 13800000001 ... 13800000006)`,
		` Logs: ${[stack.n8n, ...(stack.workers ?? []), sandbox].map((p) => p.logPath).join(', ')}`,
		stack.workers
			? ' Press Ctrl-C to stop n8n, its workers, PostgreSQL, Redis and the sandbox.'
			: ' Press Ctrl-C to stop n8n and the sandbox.',
		'================================================================================',
	);
	return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Command line

const USAGE = `Usage: npm start [-- options]   (node scripts/start.mjs [options])
  Builds this package, starts the Mallcoo sandbox and a real n8n with the package, the credential
  "${CREDENTIAL.name}" and the example workflows; runs until Ctrl-C.
    --port N            n8n's port (default ${N8N_PORT}, or a free one when taken)
    --sandbox-port N    the sandbox's port (default ${SANDBOX_PORT}, or a free one when taken)
    --user-folder DIR   n8n's data (default .cache/n8n-user; with --queue .cache/n8n-queue; kept between runs)
    --no-build          use the existing dist/ as it is
    --reset-examples    overwrite the example workflows even if they are unchanged (drops edits made in n8n)
    --queue             n8n's queue mode: PostgreSQL, Redis, the n8n main and workers (npm run start:queue)
    --workers N         with --queue: how many workers (default ${DEFAULT_WORKERS})
    --concurrency N     with --queue: executions at once per worker (default ${DEFAULT_WORKER_CONCURRENCY})`;

async function main(argv) {
	const { values } = parseArgs({
		args: argv,
		options: {
			port: { type: 'string' },
			'sandbox-port': { type: 'string' },
			'user-folder': { type: 'string' },
			'no-build': { type: 'boolean' },
			'reset-examples': { type: 'boolean' },
			queue: { type: 'boolean' },
			workers: { type: 'string' },
			concurrency: { type: 'string' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	const whole = (name, fallback) => {
		if (values[name] === undefined) return fallback;
		const value = Number(values[name]);
		if (!Number.isInteger(value) || value < 1)
			throw new Error(`--${name} wants a whole number ≥ 1`);
		return value;
	};
	const started = Date.now();
	let stack = null;
	let stopping = null;
	const stopAll = (code) => {
		stopping ??= (async () => {
			log(
				stack?.workers
					? 'Stopping n8n, its workers and the services ...'
					: 'Stopping n8n and the sandbox ...',
			);
			await stack?.stop();
			killSandboxesNow(); // a sandbox still starting
			killAllNow(); // anything else still starting
			process.exit(code);
		})();
		return stopping;
	};
	// scripts/lib/process.mjs stops the servers on these signals once they run; this also covers
	// the other phases (building, installing).
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
		process.on(signal, () => stopAll(128 + os.constants.signals[signal]));
	// `kill <npm's pid>` ends npm without passing the signal on: stop when our parent is gone.
	const parent = process.ppid;
	setInterval(() => {
		if (process.ppid !== parent) stopAll(128 + os.constants.signals.SIGHUP);
	}, 1000).unref();

	ensureProjectDependencies();
	const common = {
		n8nPort: values.port ? Number(values.port) : undefined,
		sandboxPort: values['sandbox-port'] ? Number(values['sandbox-port']) : undefined,
		build: !values['no-build'],
		resetWorkflows: values['reset-examples'],
	};
	stack = values.queue
		? await startQueueStack({
				...common,
				folder: values['user-folder'] ?? DEFAULT_QUEUE_FOLDER,
				workers: whole('workers', DEFAULT_WORKERS),
				concurrency: whole('concurrency', DEFAULT_WORKER_CONCURRENCY),
			})
		: await startStack({ ...common, userFolder: values['user-folder'] ?? DEFAULT_USER_FOLDER });
	console.log(summary(stack));
	log(`Started in ${elapsed(started)}.`);

	const watched = [
		['n8n', stack.n8n],
		...(stack.workers ?? []).map((worker) => [`n8n ${worker.name}`, worker]),
		['the sandbox', stack.sandbox],
		...(stack.postgres ? [['PostgreSQL', stack.postgres]] : []),
		...(stack.redis ? [['Redis', stack.redis]] : []),
	];
	const ended = await Promise.race(
		watched.map(([name, child]) =>
			child.exited.then(
				(reason) => `${name} exited (${reason}); see ${child.logPath}\n${tail(child.logPath, 20)}`,
			),
		),
	);
	if (stopping) return await stopping;
	log(ended);
	await stopAll(1);
	return 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		async (error) => {
			console.error(`[start] ${error.message}`);
			killSandboxesNow();
			killAllNow();
			process.exit(1);
		},
	);
}
