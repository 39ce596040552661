// Starting real n8n processes: `n8n start` (the main: editor, API, webhooks) and `n8n worker`
// (queue mode), each in its own process group, after `n8n import:*` / `publish:workflow`.
// Used by scripts/lib/stack.mjs (npm start, npm run test:e2e), scripts/lib/queue.mjs
// (npm start -- --queue, npm run test:e2e:queue, npm run bench -- --queue) and
// `node scripts/n8n-server.mjs check`. Plain Node ESM with built-ins only.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { ensureN8n } from './install.mjs';
import {
	cleanEnv,
	elapsed,
	freePorts,
	logger,
	readFrom,
	run,
	sleep,
	startDetached,
	tail,
} from './process.mjs';

const log = logger('n8n');
export const n8nLog = log;

/**
 * A fixed encryption key per user folder, kept where n8n itself keeps it (`.n8n/config`).
 * With `key` (queue mode: every process shares the main's), the folder's config is set to it:
 * n8n refuses to start when N8N_ENCRYPTION_KEY and that file disagree.
 */
export function encryptionKey(userFolder, key) {
	const file = path.join(userFolder, '.n8n', 'config');
	const settings = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
	if (settings.encryptionKey && (!key || settings.encryptionKey === key))
		return settings.encryptionKey;
	settings.encryptionKey = key ?? randomBytes(24).toString('base64url');
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, `${JSON.stringify(settings, null, '\t')}\n`, { mode: 0o600 });
	return settings.encryptionKey;
}

/**
 * The environment n8n runs with: quiet, local-only, and isolated in its user folder.
 * `env` adds to or overrides it (queue mode's settings, for one).
 */
function n8nEnv({ runtime, userFolder, port, brokerPort, env }) {
	const base = cleanEnv();
	const url = `http://127.0.0.1:${port}/`;
	return {
		...base,
		PATH: `${runtime.binDir}${path.delimiter}${base.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: encryptionKey(userFolder, env.N8N_ENCRYPTION_KEY),
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_HOST: '127.0.0.1',
		N8N_EDITOR_BASE_URL: url,
		N8N_WEBHOOK_URL: url,
		N8N_SECURE_COOKIE: 'false', // plain http on localhost
		// The task broker's default port 5679 may be taken (another n8n); give it a free one.
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		// Every server n8n opens on loopback only: the task broker and the runner's health check
		// (their defaults today), and a worker's health server (its default is every interface).
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_HEALTH_CHECK_SERVER_HOST: '127.0.0.1',
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true', // ours is not on n8n's verified list
		// No internet here, and nothing to tell n8n's servers.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		// n8n pings its database every 2 s and, after 3 pings slower than 5 s, tears the connection
		// down and answers 503 until it is back. A burst of hundreds of executions on a small
		// machine (200 shoppers signing in at once, e2e/workflows.test.ts) keeps the event loop busy
		// that long: give the ping time, so a busy n8n stays up rather than failing every request.
		DB_PING_TIMEOUT_MS: '30000',
		...env,
	};
}

/** Runs one n8n CLI command (import, publish) to completion, its output going to the log. */
function n8nCommand(runtime, args, { env, logFile }) {
	fs.appendFileSync(logFile, `\n$ n8n ${args.join(' ')}\n`);
	return run(runtime.nodeBin, [runtime.n8nBin, ...args], { env, logFile });
}

/** Workflow ids in an export file (one workflow or an array), to publish after the import. */
export function workflowIds(file) {
	const content = JSON.parse(fs.readFileSync(file, 'utf8'));
	return (Array.isArray(content) ? content : [content])
		.map((workflow) => workflow.id)
		.filter(Boolean);
}

/**
 * Starts `n8n start` in its own process group and waits until it has started up.
 * Before that, imports `credentialsFile` (plain `data`, n8n encrypts it) and each of
 * `workflowsFiles`, publishing every imported workflow that has an `id` (n8n activates them
 * shortly after start: waitForPublished() in scripts/lib/api.mjs waits for that).
 * `port` defaults to a free one; `env` adds to or overrides n8n's settings. `alongside`, when
 * given, is called once the imports are done (the database is migrated then) and awaited while
 * n8n starts: queue mode starts its workers there.
 * Returns { url, port, userFolder, logPath, pid, stop(), exited, alongside }: `stop()` ends n8n
 * and its task runner; `exited` resolves with the exit code or signal if n8n stops by itself;
 * `alongside` is what the `alongside` promise resolved to.
 */
export async function startN8n({
	userFolder,
	port,
	env = {},
	credentialsFile,
	workflowsFiles = [],
	timeoutMs = 180_000,
	cacheDir,
	alongside,
} = {}) {
	if (!userFolder) throw new Error('startN8n: userFolder is required');
	userFolder = path.resolve(userFolder);
	fs.mkdirSync(userFolder, { recursive: true });
	const runtime = await ensureN8n({ cacheDir });
	const [n8nPort, brokerPort] = await freePorts(2, port);
	if (port && n8nPort !== port) throw new Error(`Port ${port} is in use`);
	const fullEnv = n8nEnv({ runtime, userFolder, port: n8nPort, brokerPort, env });
	const logPath = path.join(userFolder, 'n8n.log');
	fs.appendFileSync(
		logPath,
		`\n===== ${new Date().toISOString()} starting n8n on port ${n8nPort}\n`,
	);

	const started = Date.now();
	if (credentialsFile) {
		log('Importing credentials ...');
		await n8nCommand(runtime, ['import:credentials', `--input=${path.resolve(credentialsFile)}`], {
			env: fullEnv,
			logFile: logPath,
		});
	}
	for (const file of workflowsFiles) {
		log(`Importing workflows from ${path.basename(file)} ...`);
		await n8nCommand(runtime, ['import:workflow', `--input=${path.resolve(file)}`], {
			env: fullEnv,
			logFile: logPath,
		});
		for (const id of workflowIds(file)) {
			await n8nCommand(runtime, ['publish:workflow', `--id=${id}`], {
				env: fullEnv,
				logFile: logPath,
			});
		}
	}
	if (credentialsFile || workflowsFiles.length) log(`  imported (${elapsed(started)})`);

	log(`Starting n8n on port ${n8nPort} (log: ${logPath}) ...`);
	const logOffset = fs.statSync(logPath).size;
	const child = startDetached(runtime.nodeBin, [runtime.n8nBin, 'start'], {
		cwd: userFolder,
		env: fullEnv,
		logPath,
		graceMs: STOP_GRACE_MS,
	});
	const url = `http://127.0.0.1:${n8nPort}`;
	const besides = alongside ? alongside() : Promise.resolve(undefined);
	besides.catch(() => {}); // awaited below; an early rejection must not go unhandled
	let besidesResult;
	try {
		await waitUntil(
			[
				// The database is migrated and the API is up.
				() => httpOk(`${url}/healthz/readiness`),
				// While migrating, the REST API answers 200 "n8n is starting up", not JSON.
				() => httpOk(`${url}/rest/settings`, 'application/json'),
				// The last step of n8n's start-up. (Published workflows are activated in the
				// background after that: see waitForPublished.)
				() => readFrom(logPath, logOffset).includes('Editor is now accessible via'),
			],
			child.exited,
			{ timeoutMs, logPath, what: 'n8n' },
		);
		besidesResult = await besides;
	} catch (error) {
		await child.stop();
		throw error;
	}
	log(`n8n is up at ${url} (${elapsed(started)})`);
	return {
		url,
		port: n8nPort,
		userFolder,
		logPath,
		pid: child.pid,
		stop: child.stop,
		exited: child.exited,
		alongside: besidesResult,
	};
}

const STOP_GRACE_MS = 15_000; // n8n's own graceful shutdown is set to 10 s

/**
 * Starts `n8n worker --concurrency=N` (queue mode: it takes executions from Redis) in its own
 * process group, with its own task-broker port and a health server on a free port, and waits
 * until `/healthz/readiness` answers (database and Redis connected). `env` must hold the
 * queue-mode settings the main has (scripts/lib/queue.mjs). Returns
 * { name, userFolder, logPath, pid, healthUrl, stop(), exited }.
 */
export async function startN8nWorker({
	name = 'worker',
	userFolder,
	env = {},
	concurrency = 10,
	timeoutMs = 180_000,
	cacheDir,
}) {
	userFolder = path.resolve(userFolder);
	fs.mkdirSync(userFolder, { recursive: true });
	const runtime = await ensureN8n({ cacheDir });
	const [port, brokerPort, healthPort] = await freePorts(3);
	const fullEnv = n8nEnv({
		runtime,
		userFolder,
		port,
		brokerPort,
		env: {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			...env,
		},
	});
	const logPath = path.join(userFolder, 'n8n.log');
	fs.appendFileSync(logPath, `\n===== ${new Date().toISOString()} starting n8n ${name}\n`);
	const started = Date.now();
	const child = startDetached(
		runtime.nodeBin,
		[runtime.n8nBin, 'worker', `--concurrency=${concurrency}`],
		{ cwd: userFolder, env: fullEnv, logPath, graceMs: STOP_GRACE_MS },
	);
	const healthUrl = `http://127.0.0.1:${healthPort}/healthz/readiness`;
	try {
		await waitUntil([() => httpOk(healthUrl)], child.exited, {
			timeoutMs,
			logPath,
			what: `n8n ${name}`,
		});
	} catch (error) {
		await child.stop();
		throw error;
	}
	log(`n8n ${name} ready, concurrency ${concurrency} (${elapsed(started)}; log: ${logPath})`);
	return {
		name,
		userFolder,
		logPath,
		pid: child.pid,
		healthUrl,
		concurrency,
		stop: child.stop,
		exited: child.exited,
	};
}

/** Runs each check in turn until it passes; throws if the process exits or time runs out. */
async function waitUntil(checks, childExited, { timeoutMs, logPath, what }) {
	const deadline = Date.now() + timeoutMs;
	let exited = null;
	childExited.then((reason) => (exited = reason));
	for (const check of checks) {
		for (;;) {
			if (exited !== null)
				throw new Error(`${what} exited (${exited}) before it was ready\n${tail(logPath)}`);
			if (Date.now() > deadline)
				throw new Error(`${what} was not ready after ${timeoutMs / 1000} s\n${tail(logPath)}`);
			if (await check()) break;
			await sleep(250);
		}
	}
}

async function httpOk(url, contentType) {
	const response = await fetch(url, { signal: AbortSignal.timeout(5000) }).catch(() => null);
	await response?.body?.cancel();
	return Boolean(
		response?.ok && (!contentType || response.headers.get('content-type')?.includes(contentType)),
	);
}
