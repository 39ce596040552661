// n8n in queue mode on one machine: PostgreSQL and Redis (Debian's packages), the n8n main
// (editor, API, webhooks, the sign-in trigger's ticket exchange) and N `n8n worker` processes
// that run the executions, with the sandbox, this package, the credential and the example
// workflows. Used by `npm start -- --queue` (scripts/start.mjs), the queue e2e suite
// (e2e/queue/global-setup.ts) and `npm run bench -- --queue` (bench/queue.ts).
// Plain Node ESM with built-ins only (the sandbox needs the project's tsx).

import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { ownerAccount, signInOwner, waitForPublished } from './api.mjs';
import { REPO_ROOT } from './install.mjs';
import { installOwnPackage } from './package.mjs';
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
import { startSandboxProcess } from './sandbox.mjs';
import { folderSecrets, makePrivate, privateUmask } from './secrets.mjs';
import {
	N8N_PORT,
	STACK_SECRETS,
	claimUserFolder,
	exampleWorkflows,
	hashOf,
	readState,
	secretsInfo,
	stackCredentials,
} from './stack.mjs';
import { encryptionKey, startN8n, startN8nWorker } from './server.mjs';

export const DEFAULT_QUEUE_FOLDER = path.join(REPO_ROOT, '.cache', 'n8n-queue');
export const DEFAULT_WORKERS = 2;
export const DEFAULT_WORKER_CONCURRENCY = 10; // n8n's own default for `n8n worker`
const DATABASE = 'n8n';
const DATABASE_USER = 'postgres';

const log = logger('queue');

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/** The folder of PostgreSQL's server binaries: PG_BINDIR, the newest /usr/lib/postgresql/N/bin, or pg_config's. */
export async function postgresBinDir() {
	const candidates = [];
	if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR);
	const debian = '/usr/lib/postgresql';
	if (fs.existsSync(debian)) {
		for (const version of fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a)))
			candidates.push(path.join(debian, version, 'bin'));
	}
	const fromConfig = await run('pg_config', ['--bindir'], { quiet: true }).catch(() => '');
	if (fromConfig.trim()) candidates.push(fromConfig.trim());
	const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'postgres')));
	if (!found)
		throw new Error(
			'No PostgreSQL server binaries found (looked in PG_BINDIR, /usr/lib/postgresql/*/bin, pg_config --bindir): apt-get install -y postgresql',
		);
	return found;
}

/**
 * PostgreSQL refuses to run as root: as root, its processes run as the `postgres` system user
 * (Debian's package creates it), which must own the data folder. Otherwise as ourselves.
 */
function postgresUser() {
	if (process.getuid?.() !== 0) return {};
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((entry) => entry.startsWith('postgres:'));
	if (!line)
		throw new Error('Running as root, but there is no `postgres` user to run PostgreSQL as');
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

/** Who may connect: only over TCP from 127.0.0.1, and only with the password (SCRAM). */
const PG_HBA = `# Written by scripts/lib/queue.mjs on every start.
# TYPE  DATABASE  USER  ADDRESS       METHOD
host    all       all   127.0.0.1/32  scram-sha-256
`;

/** A file only PostgreSQL's user can read, for initdb's --pwfile; removed by the caller. */
function passwordFileFor(owner, password) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallcoo-pg-'));
	const file = path.join(dir, 'password');
	fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
	if (owner.uid !== undefined) {
		fs.chownSync(dir, owner.uid, owner.gid);
		fs.chownSync(file, owner.uid, owner.gid);
	}
	return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts PostgreSQL on a free port of 127.0.0.1 (TCP only, no Unix socket), with its data in
 * `dataDir` (initialized on first use: user `postgres` with `password`, SCRAM authentication),
 * and creates the database `n8n` unless it exists. A data folder that still trusts every local
 * connection gets the password and SCRAM authentication. `durable: false` turns fsync off (test
 * data). Returns { host, port, database, user, password, binDir, created, pid, logPath, stop(),
 * exited }.
 */
export async function startPostgres({
	dataDir,
	logPath,
	password,
	durable = true,
	timeoutMs = 60_000,
}) {
	if (!password) throw new Error('startPostgres: a password is required');
	const binDir = await postgresBinDir();
	const bin = (name) => path.join(binDir, name);
	const owner = postgresUser();
	const created = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
	if (created) {
		fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
		if (owner.uid !== undefined) fs.chownSync(dataDir, owner.uid, owner.gid);
		log(`Initializing a PostgreSQL database in ${dataDir} ...`);
		const pwfile = passwordFileFor(owner, password);
		try {
			await run(
				bin('initdb'),
				[
					...['-D', dataDir, '-U', DATABASE_USER, '--pwfile', pwfile.file],
					...['--auth=scram-sha-256', '-E', 'UTF8', '--locale=C'],
				],
				{ ...owner, cwd: dataDir, logFile: logPath },
			);
		} finally {
			pwfile.remove();
		}
	}
	const hbaFile = path.join(dataDir, 'pg_hba.conf');
	const trusting = /^\s*host\S*\s.*\btrust\b/m.test(fs.readFileSync(hbaFile, 'utf8'));
	if (!trusting) fs.writeFileSync(hbaFile, PG_HBA);
	const [port] = await freePorts(1);
	const settings = [
		'listen_addresses=127.0.0.1',
		'unix_socket_directories=', // TCP only: no socket path to create or to outgrow
		'max_connections=200', // n8n's pool is 10 per process; a few workers, imports and psql
		...(durable ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']),
	].flatMap((setting) => ['-c', setting]);
	const server = startDetached(bin('postgres'), ['-D', dataDir, '-p', String(port), ...settings], {
		...owner,
		cwd: dataDir,
		logPath,
		stopSignal: 'SIGINT', // "fast" shutdown: SIGTERM would wait for every client to leave
		graceMs: 10_000,
	});
	const client = ['-h', '127.0.0.1', '-p', String(port), '-U', DATABASE_USER];
	// PGPASSWORD, not the command line: other users can read a process's arguments.
	const clientEnv = { ...cleanEnv(), PGPASSWORD: password };
	const deadline = Date.now() + timeoutMs;
	let exited = null;
	server.exited.then((reason) => (exited = reason));
	while (
		!(await run(bin('pg_isready'), client, { quiet: true }).then(
			() => true,
			() => false,
		))
	) {
		if (exited !== null)
			throw new Error(`PostgreSQL exited (${exited}) before it was ready\n${tail(logPath)}`);
		if (Date.now() > deadline) {
			await server.stop();
			throw new Error(`PostgreSQL was not ready after ${timeoutMs / 1000} s\n${tail(logPath)}`);
		}
		await sleep(200);
	}
	if (trusting) {
		log('PostgreSQL trusted every local connection: setting its password and SCRAM authentication');
		await psqlFile(
			bin('psql'),
			client,
			clientEnv,
			`ALTER USER ${DATABASE_USER} PASSWORD '${password}';`,
		);
		fs.writeFileSync(hbaFile, PG_HBA);
		await run(bin('psql'), [...client, '-d', 'postgres', '-tAc', 'SELECT pg_reload_conf()'], {
			env: clientEnv,
			quiet: true,
		});
	}
	const exists = await run(
		bin('psql'),
		[
			...client,
			'-d',
			'postgres',
			'-tAc',
			`SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'`,
		],
		{ env: clientEnv, quiet: true },
	);
	if (exists.trim() !== '1')
		await run(bin('createdb'), [...client, DATABASE], { env: clientEnv, quiet: true });
	log(`PostgreSQL on 127.0.0.1:${port} (database ${DATABASE}; log ${logPath})`);
	return {
		host: '127.0.0.1',
		port,
		database: DATABASE,
		user: DATABASE_USER,
		password,
		binDir,
		created,
		pid: server.pid,
		logPath,
		stop: server.stop,
		exited: server.exited,
	};
}

/** Runs `sql` through psql from a private file, so that no secret shows in its arguments. */
async function psqlFile(psql, client, env, sql) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallcoo-psql-'));
	const file = path.join(dir, 'statement.sql');
	fs.writeFileSync(file, sql, { mode: 0o600 });
	try {
		await run(psql, [...client, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-f', file], {
			env,
			quiet: true,
		});
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------------------------------------
// Redis

async function redisServerBin() {
	const onPath = (name) =>
		(process.env.PATH ?? '')
			.split(path.delimiter)
			.map((dir) => path.join(dir, name))
			.find((file) => fs.existsSync(file));
	let bin = onPath('redis-server');
	if (bin) return bin;
	if (process.getuid?.() !== 0)
		throw new Error('redis-server is missing: sudo apt-get install -y redis-server');
	log('Installing Redis (apt-get install -y redis-server) ...');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await run('apt-get', ['update', '-qq'], { env, quiet: true });
	await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'], {
		env,
		quiet: true,
	});
	bin = onPath('redis-server');
	if (!bin) throw new Error('apt-get installed redis-server, but it is not on PATH');
	return bin;
}

/** Sends AUTH and PING over RESP; resolves true on +PONG. */
function redisPing(port, password) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let answer = '';
		const done = (ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(2000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write(`AUTH ${JSON.stringify(password)}\r\nPING\r\n`));
		socket.on('data', (chunk) => {
			answer += chunk;
			const lines = answer.split('\r\n');
			if (lines.length > 2) done(lines[0] === '+OK' && lines[1] === '+PONG');
		});
	});
}

/**
 * Starts redis-server on a free port of 127.0.0.1 with `password` required of every client,
 * nothing saved to disk (the queue's jobs are short-lived; executions live in PostgreSQL).
 * Its settings are a 0600 file in `dir`, so the password is in no process's arguments.
 * Installs Debian's redis-server when missing (root).
 * Returns { host, port, password, pid, logPath, stop(), exited }.
 */
export async function startRedis({ dir, logPath, password, timeoutMs = 30_000 }) {
	if (!password) throw new Error('startRedis: a password is required');
	const bin = await redisServerBin();
	fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
	const [port] = await freePorts(1);
	const configFile = path.join(dir, 'redis.conf');
	const settings = [
		`port ${port}`,
		'bind 127.0.0.1',
		'protected-mode yes',
		`requirepass ${password}`,
		'save ""',
		'appendonly no',
	];
	fs.writeFileSync(configFile, `${settings.join('\n')}\n`, { mode: 0o600 });
	fs.chmodSync(configFile, 0o600);
	const server = startDetached(bin, [configFile], { cwd: dir, logPath, graceMs: 5000 });
	const deadline = Date.now() + timeoutMs;
	let exited = null;
	server.exited.then((reason) => (exited = reason));
	while (!(await redisPing(port, password))) {
		if (exited !== null)
			throw new Error(`redis-server exited (${exited}) before it was ready\n${tail(logPath)}`);
		if (Date.now() > deadline) {
			await server.stop();
			throw new Error(`redis-server was not ready after ${timeoutMs / 1000} s\n${tail(logPath)}`);
		}
		await sleep(100);
	}
	log(`Redis on 127.0.0.1:${port} (log ${logPath})`);
	return {
		host: '127.0.0.1',
		port,
		password,
		pid: server.pid,
		logPath,
		stop: server.stop,
		exited: server.exited,
	};
}

// ---------------------------------------------------------------------------------------------
// The queue-mode stack

/**
 * As root, PostgreSQL runs as the `postgres` user and must pass through the stack's folder to
 * reach its data: the folder lets that user's group through (0710) and nobody else in.
 */
function openToPostgres(folder) {
	const owner = postgresUser();
	if (owner.uid === undefined) return;
	fs.chownSync(folder, process.getuid(), owner.gid);
	fs.chmodSync(folder, 0o710);
}

/** What every n8n process of one queue-mode installation shares (main, workers, imports). */
export function queueEnv({ postgres, redis, key }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_REDIS_PASSWORD: redis.password,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		N8N_ENCRYPTION_KEY: key,
		// The editor's manual runs go to the workers too (n8n deprecates running them on the main).
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
}

/** The execution ids a worker's log says it started ("Worker started execution N"). */
export function workerExecutions(logPath, offset = 0) {
	return [...readFrom(logPath, offset).matchAll(/Worker started execution (\d+)/g)].map(
		(match) => match[1],
	);
}

/**
 * Builds and installs this package into the main's and each worker's user folder, starts the
 * sandbox, PostgreSQL and Redis, imports the credential (each start: it must point at this
 * start's sandbox) and the workflows that are new or changed since the last start (all of
 * them on a new database, or with `resetWorkflows`) and publishes them, then starts the n8n
 * main and `workers` workers, creates the owner and logs in.
 *
 * Options: folder (default .cache/n8n-queue: postgres/, redis/, main/, worker-N/ and logs),
 * workers (default 2), concurrency (per worker, default 10), n8nPort (default 5678 when
 * free), sandboxPort, sandboxArgs (extra sandbox/cli.ts flags), build, workflows (default the
 * examples), extraWorkflows ([{ json }]), credentials (more credential exports, plain data),
 * resetWorkflows, durable (default true; false: PostgreSQL without fsync, for tests), env
 * (n8n settings for every process), quiet.
 * The owner password, the webhook secret and the PostgreSQL and Redis passwords are random per
 * folder, kept in its mallcoo-secrets.json (0600); the folder's contents are private.
 * Returns { url, sandbox, n8n, workers, postgres, redis, owner, ownerCreated, cookie,
 * userFolder, folder, workflows, secretsFile, webhookSecret: { header, value }, addWorker(),
 * stop() }.
 */
export async function startQueueStack({
	folder = DEFAULT_QUEUE_FOLDER,
	workers = DEFAULT_WORKERS,
	concurrency = DEFAULT_WORKER_CONCURRENCY,
	n8nPort,
	sandboxPort,
	sandboxArgs = [],
	build = true,
	workflows = exampleWorkflows(),
	extraWorkflows = [],
	credentials = [],
	resetWorkflows = false,
	durable = true,
	env = {},
	quiet = false,
} = {}) {
	log.quiet = quiet;
	const started = Date.now();
	folder = path.resolve(folder);
	const restoreUmask = privateUmask();
	fs.mkdirSync(folder, { recursive: true });
	makePrivate(folder, { skip: [path.join(folder, 'postgres')] });
	openToPostgres(folder);
	claimUserFolder(folder);
	const secrets = folderSecrets(folder, [...STACK_SECRETS, 'postgresPassword', 'redisPassword']);
	const mainFolder = path.join(folder, 'main');
	const workerFolder = (index) => path.join(folder, `worker-${index}`);
	fs.mkdirSync(mainFolder, { recursive: true });

	const stack = { folder, userFolder: mainFolder, workers: [], sandbox: null, n8n: null };
	stack.stop = async () => {
		// n8n first (it finishes its executions and closes its connections), then the services.
		await Promise.all([stack.n8n?.stop(), ...stack.workers.map((worker) => worker.stop())]);
		await Promise.all([stack.sandbox?.stop(), stack.postgres?.stop(), stack.redis?.stop()]);
	};
	const track = (promise, key) => {
		promise.then(
			(value) => (stack[key] = value),
			() => {},
		);
		return promise;
	};
	// The sandbox, PostgreSQL and Redis start while the package builds.
	const services = Promise.all([
		track(
			startSandboxProcess({
				port: sandboxPort,
				logPath: path.join(folder, 'sandbox.log'),
				args: sandboxArgs,
			}),
			'sandbox',
		),
		track(
			startPostgres({
				dataDir: path.join(folder, 'postgres'),
				logPath: path.join(folder, 'postgres.log'),
				password: secrets.postgresPassword,
				durable,
			}),
			'postgres',
		),
		track(
			startRedis({
				dir: path.join(folder, 'redis'),
				logPath: path.join(folder, 'redis.log'),
				password: secrets.redisPassword,
			}),
			'redis',
		),
	]);
	try {
		const userFolders = [mainFolder];
		for (let i = 1; i <= workers; i++) userFolders.push(workerFolder(i));
		await installOwnPackage(userFolders, { build });
		for (const userFolder of userFolders) makePrivate(userFolder); // modes from the tarball
		log(
			`Installed the package into ${userFolders.length} user folders (main and ${workers} workers)`,
		);
		const [sandbox, postgres, redis] = await services;
		log(`Mallcoo sandbox on ${sandbox.url} (${elapsed(started)})`);

		const shared = { ...queueEnv({ postgres, redis, key: encryptionKey(mainFolder) }), ...env };
		stack.env = shared;
		const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallcoo-queue-import-'));
		const all = [...workflows, ...extraWorkflows];
		const stateFile = path.join(folder, 'mallcoo-workflows.json');
		const state = postgres.created || resetWorkflows ? {} : readState(stateFile);
		state.workflows ??= {};
		const changed = all.filter(({ json }) => state.workflows[json.id] !== hashOf(json));
		try {
			const credentialsFile = path.join(exportDir, 'credentials.json');
			fs.writeFileSync(
				credentialsFile,
				JSON.stringify([...stackCredentials(sandbox, secrets), ...credentials]),
				{ mode: 0o600 },
			);
			const workflowsFile = path.join(exportDir, 'workflows.json');
			fs.writeFileSync(
				workflowsFile,
				JSON.stringify(changed.map(({ json }) => ({ ...json, active: false }))),
			);
			const port = n8nPort ?? (await freePorts(1, N8N_PORT))[0];
			stack.n8n = await startN8n({
				userFolder: mainFolder,
				port,
				env: shared,
				credentialsFile,
				workflowsFiles: changed.length ? [workflowsFile] : [],
				// The imports ran the database migrations: the workers can start with the main.
				alongside: () =>
					Promise.all(
						Array.from({ length: workers }, (_, i) => startWorkerInto(stack, i + 1, concurrency)),
					),
			});
		} finally {
			fs.rmSync(exportDir, { recursive: true, force: true });
		}
		for (const { json } of changed) {
			log(`Workflow "${json.name}" imported and published`);
			state.workflows[json.id] = hashOf(json);
		}
		fs.writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);

		const { url } = stack.n8n;
		const owner = ownerAccount(secrets.ownerPassword);
		const { created: ownerCreated, cookie } = await signInOwner(url, owner, log);
		const results = [];
		for (const { file, json } of all) {
			const result = { id: json.id, name: json.name, action: 'kept', published: false, file, json };
			if (changed.some((workflow) => workflow.json.id === json.id)) result.action = 'imported';
			if (cookie) {
				try {
					await waitForPublished(url, cookie, json.id);
					result.published = true;
				} catch (error) {
					result.problem = error.message;
					log(`Workflow "${json.name}" did not activate: ${error.message}`);
				}
			}
			results.push(result);
		}
		stack.workers.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
		stack.addWorker = async () => {
			const restore = privateUmask();
			try {
				return await startWorkerInto(stack, stack.workers.length + 1, concurrency);
			} finally {
				restore();
			}
		};
		log(`Ready in ${elapsed(started)}: main and ${stack.workers.length} workers`);
		return Object.assign(stack, {
			url,
			owner,
			ownerCreated,
			cookie,
			workflows: results,
			...secretsInfo(folder, secrets),
		});
	} catch (error) {
		await services.catch(() => {});
		await stack.stop().catch(() => {});
		throw error;
	} finally {
		restoreUmask();
	}

	async function startWorkerInto(target, index, workerConcurrency) {
		const userFolder = workerFolder(index);
		if (!fs.existsSync(path.join(userFolder, '.n8n', 'nodes', 'package.json'))) {
			// A worker added after start: the same package as the main's.
			fs.cpSync(path.join(mainFolder, '.n8n', 'nodes'), path.join(userFolder, '.n8n', 'nodes'), {
				recursive: true,
			});
		}
		const worker = await startN8nWorker({
			name: `worker-${index}`,
			userFolder,
			env: target.env,
			concurrency: workerConcurrency,
		});
		target.workers.push(worker);
		return worker;
	}
}
