#!/usr/bin/env node
// Runs a real n8n with this package installed, for `npm start` and the end-to-end tests.
// Plain Node ESM with built-ins only, so it works before (and without) the project's build.
// Background and work-arounds: /work/shared/design/real-n8n.md.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const N8N_VERSION = '2.41.1'; // 2.41.3 does not install from the registry (missing @n8n/agents)
export const NODE_VERSION = '24.21.0'; // n8n 2.x requires Node >= 24
const LINKEDOM_VERSION = '0.18.12'; // newer linkedom needs `cssomnom`, absent from the registry

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_DIR = process.env.N8N_CACHE_DIR
	? path.resolve(process.env.N8N_CACHE_DIR)
	: path.join(REPO_ROOT, '.cache', 'n8n');

const log = (message) => console.log(`[n8n-server] ${message}`);

// ---------------------------------------------------------------------------------------------
// Child processes

/** Runs a command to completion and returns its stdout; rejects with its output's tail. */
function run(command, args, { cwd, env = cleanEnv(), logFile, quiet = false } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let output = ''; // both streams, for error messages
		const collect = (chunk) => {
			output = (output + chunk).slice(-20_000);
			if (logFile) fs.appendFileSync(logFile, chunk);
			else if (!quiet) process.stderr.write(chunk);
		};
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
			collect(chunk);
		});
		child.stderr.on('data', collect);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			if (code === 0) return resolve(stdout);
			const tail = output.split('\n').slice(-30).join('\n');
			reject(
				new Error(
					`${path.basename(command)} ${args.join(' ')} failed (${signal ?? code})\n${tail}`,
				),
			);
		});
	});
}

/** Prints a line every 30 s while a long step runs, so a person waiting sees progress. */
async function withHeartbeat(label, promise) {
	const started = Date.now();
	const timer = setInterval(() => log(`  ... still ${label} (${elapsed(started)})`), 30_000);
	try {
		return await promise;
	} finally {
		clearInterval(timer);
	}
}

const elapsed = (since) => `${Math.round((Date.now() - since) / 1000)} s`;

// Settings a person may have exported on purpose; the rest of npm_* comes from `npm start`.
const KEPT_NPM_SETTINGS = [
	'cache',
	'registry',
	'userconfig',
	'cafile',
	'proxy',
	'https_proxy',
	'noproxy',
];

/**
 * This process's environment without what `npm start` or a test runner put there for this
 * project: npm_config_local_prefix would point a nested npm at the project's own
 * node_modules, npm_config_ignore_scripts would skip the sqlite3 build, and NODE_OPTIONS
 * loader flags (tsx, vitest) are not meant for n8n's Node 24, nor a test runner's NODE_ENV.
 */
function cleanEnv() {
	const env = { ...process.env };
	delete env.NODE_OPTIONS;
	// Vitest sets NODE_ENV=test, with which n8n 2.41.1 exits with code 1 without a word.
	if (env.NODE_ENV === 'test') delete env.NODE_ENV;
	for (const name of Object.keys(env)) {
		const setting = name.startsWith('npm_config_') ? name.slice('npm_config_'.length) : null;
		if (name.startsWith('npm_') && !KEPT_NPM_SETTINGS.includes(setting)) delete env[name];
	}
	return env;
}

// ---------------------------------------------------------------------------------------------
// 1. n8n and Node 24 in a git-ignored cache, installed once

const nodeMajor = (version) => Number(version.replace(/^v/, '').split('.')[0]);
const needsOwnNode = () => nodeMajor(process.version) < 24;
const nodePackageName = () => `node-${process.platform}-${process.arch}`;

/** Paths of an installed cache, whether or not it is complete. */
function runtimePaths(cacheDir) {
	const nodeBin = needsOwnNode()
		? path.join(cacheDir, 'node_modules', nodePackageName(), 'bin', 'node')
		: process.execPath;
	return {
		cacheDir,
		nodeBin,
		binDir: path.dirname(nodeBin),
		n8nBin: path.join(cacheDir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

/** What the cache must hold; the marker file records it after a successful install. */
function wantedInstall() {
	return {
		n8n: N8N_VERSION,
		node: needsOwnNode() ? NODE_VERSION : null,
		platform: nodePackageName(),
	};
}

function readMarker(cacheDir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(cacheDir, '.installed.json'), 'utf8'));
	} catch {
		return null;
	}
}

function isInstalled(cacheDir) {
	const marker = readMarker(cacheDir);
	const wanted = wantedInstall();
	const { nodeBin, n8nBin } = runtimePaths(cacheDir);
	return (
		marker?.n8n === wanted.n8n &&
		(wanted.node === null ||
			(marker.node === wanted.node && marker.platform === wanted.platform)) &&
		fs.existsSync(nodeBin) &&
		fs.existsSync(n8nBin)
	);
}

/**
 * Installs n8n (and Node 24 when this Node is older) into `cacheDir` unless already there.
 * Returns { cacheDir, nodeBin, binDir, n8nBin }: run n8n as `nodeBin n8nBin ...` with binDir
 * first on PATH.
 */
export async function ensureN8n({ cacheDir = CACHE_DIR } = {}) {
	cacheDir = path.resolve(cacheDir);
	if (isInstalled(cacheDir)) return runtimePaths(cacheDir);
	fs.mkdirSync(cacheDir, { recursive: true });
	const unlock = await lock(cacheDir);
	try {
		// Another process may have finished the install while we waited for the lock.
		if (!isInstalled(cacheDir)) await installIntoCache(cacheDir);
	} finally {
		unlock();
	}
	return runtimePaths(cacheDir);
}

async function installIntoCache(cacheDir) {
	const wanted = wantedInstall();
	const started = Date.now();
	log(
		`Installing n8n ${N8N_VERSION}${wanted.node ? ` and Node ${wanted.node}` : ''} into ${cacheDir}`,
	);
	log('  (first time only: about 3 GB on disk, five to ten minutes)');
	fs.rmSync(path.join(cacheDir, '.installed.json'), { force: true });

	// The cache has its own package.json so the overrides never touch the project's.
	const dependencies = { n8n: N8N_VERSION };
	if (wanted.node) dependencies[nodePackageName()] = wanted.node;
	const manifest = {
		name: 'n8n-runtime-cache',
		private: true,
		description: `Generated by scripts/n8n-server.mjs; safe to delete.`,
		dependencies,
		overrides: { linkedom: LINKEDOM_VERSION },
	};
	fs.writeFileSync(path.join(cacheDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const npmFlags = ['--no-audit', '--no-fund', '--loglevel=error', '--no-update-notifier'];
	// Install scripts off: the Kafka client's build downloads zlib from the internet and fails.
	log('  npm install --ignore-scripts ...');
	await withHeartbeat(
		'installing',
		run(npm, ['install', '--ignore-scripts', ...npmFlags], { cwd: cacheDir }),
	);
	log(`  installed packages (${elapsed(started)})`);

	// ... but n8n's embedded database needs sqlite3's native module: build just that one.
	// Built by and for the Node that runs n8n; the Node 24 package ships the C headers, so
	// node-gyp needs no download (there is no nodejs.org here).
	const { nodeBin, binDir, n8nBin } = runtimePaths(cacheDir);
	const buildEnv = { ...cleanEnv(), PATH: `${binDir}${path.delimiter}${process.env.PATH}` };
	if (wanted.node) buildEnv.npm_config_nodedir = path.dirname(binDir);
	buildEnv.npm_config_jobs = 'max'; // node-gyp: compile on every core
	log('  npm rebuild sqlite3 (compiles from source, one to two minutes) ...');
	await withHeartbeat(
		'building sqlite3',
		run(npm, ['rebuild', 'sqlite3', '--ignore-scripts=false', ...npmFlags], {
			cwd: cacheDir,
			env: buildEnv,
			quiet: true,
		}),
	);

	const version = (await run(nodeBin, ['--version'], { quiet: true })).trim();
	if (nodeMajor(version) < 24)
		throw new Error(`${nodeBin} is ${version}; n8n ${N8N_VERSION} needs Node 24`);
	await run(nodeBin, ['-e', "require('sqlite3')"], { cwd: path.dirname(n8nBin), quiet: true });

	const marker = {
		...wanted,
		installedAt: new Date().toISOString(),
		seconds: Math.round((Date.now() - started) / 1000),
	};
	fs.writeFileSync(path.join(cacheDir, '.installed.json'), `${JSON.stringify(marker, null, 2)}\n`);
	log(`n8n ${N8N_VERSION} ready on Node ${version} (${elapsed(started)})`);
}

/** A lock directory, so two processes (say `npm start` and a test) never install at once. */
async function lock(cacheDir) {
	const lockDir = path.join(cacheDir, '.install.lock');
	const pidFile = path.join(lockDir, 'pid');
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(pidFile, String(process.pid));
			return () => fs.rmSync(lockDir, { recursive: true, force: true });
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
		const holder = lockHolder(lockDir, pidFile);
		if (holder === null) {
			fs.rmSync(lockDir, { recursive: true, force: true }); // left by a killed install
			continue;
		}
		if (!announced) log(`Waiting for another install of n8n (pid ${holder || '?'}) to finish ...`);
		announced = true;
		await sleep(2000);
	}
}

/** The live pid holding the lock, 0 while it is still being taken, null when it is stale. */
function lockHolder(lockDir, pidFile) {
	try {
		const pid = Number(fs.readFileSync(pidFile, 'utf8'));
		return pid && isAlive(pid) ? pid : null;
	} catch {
		// No pid file yet: someone is between mkdir and write, unless that was long ago.
		const stat = fs.statSync(lockDir, { throwIfNoEntry: false });
		return stat && Date.now() - stat.mtimeMs < 60_000 ? 0 : null;
	}
}

/** Whether a process with this id exists (EPERM: it does, but belongs to someone else). */
export function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// 2. Our package, installed the way n8n installs a community package

/**
 * Unpacks an `npm pack` tarball into `<userFolder>/.n8n/nodes/node_modules/<name>` and lists it
 * in `<userFolder>/.n8n/nodes/package.json`, which is where n8n's community-package installer
 * puts packages and where n8n loads them from at start. Returns the package's folder.
 */
export async function installPackageIntoUserFolder(userFolder, tarballPath) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-package-'));
	try {
		// npm's tarballs hold one top-level `package/` folder.
		await run('tar', ['-xzf', path.resolve(tarballPath), '-C', staging], { quiet: true });
		const unpacked = path.join(staging, 'package');
		const { name, version } = JSON.parse(
			fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'),
		);
		const target = path.join(nodesDir, 'node_modules', name);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.cpSync(unpacked, target, { recursive: true });
		addDependency(nodesDir, name, version);
		return target;
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
}

function addDependency(nodesDir, name, version) {
	const file = path.join(nodesDir, 'package.json');
	const manifest = fs.existsSync(file)
		? JSON.parse(fs.readFileSync(file, 'utf8'))
		: { name: 'installed-nodes', private: true };
	manifest.dependencies = { ...manifest.dependencies, [name]: version };
	fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Builds this project and packs it; returns the tarball's path (in a temporary folder). */
export async function buildAndPack({ build = true } = {}) {
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	if (build) {
		log('Building the package (npm run build) ...');
		await run(npm, ['run', 'build'], { cwd: REPO_ROOT, quiet: true });
	}
	const destination = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-mallcoo-pack-'));
	const output = await run(npm, ['pack', '--json', '--pack-destination', destination], {
		cwd: REPO_ROOT,
		quiet: true,
	});
	const [{ filename }] = JSON.parse(output);
	return path.join(destination, filename);
}

// ---------------------------------------------------------------------------------------------
// 3. Starting n8n

/** Finds `count` free TCP ports on 127.0.0.1, the first one `preferred` when that is free. */
export async function freePorts(count = 1, preferred) {
	const servers = [];
	try {
		for (let i = 0; i < count; i++) {
			const wanted = i === 0 && preferred ? preferred : 0;
			servers.push(await listen(wanted).catch(() => listen(0)));
		}
		return servers.map((server) => server.address().port);
	} finally {
		await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
	}
}

function listen(port) {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve(server));
	});
}

/** A fixed encryption key per user folder, kept where n8n itself keeps it (`.n8n/config`). */
function encryptionKey(userFolder) {
	const file = path.join(userFolder, '.n8n', 'config');
	if (fs.existsSync(file)) {
		const { encryptionKey: key } = JSON.parse(fs.readFileSync(file, 'utf8'));
		if (key) return key;
	}
	const key = randomBytes(24).toString('base64url');
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, `${JSON.stringify({ encryptionKey: key }, null, '\t')}\n`, {
		mode: 0o600,
	});
	return key;
}

/** The environment n8n runs with: quiet, local-only, and isolated in its user folder. */
function n8nEnv({ runtime, userFolder, port, brokerPort, env }) {
	const base = cleanEnv();
	const url = `http://127.0.0.1:${port}/`;
	return {
		...base,
		PATH: `${runtime.binDir}${path.delimiter}${base.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: encryptionKey(userFolder),
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
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true', // ours is not on n8n's verified list
		// No internet here, and nothing to tell n8n's servers.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		...env,
	};
}

/** Runs one n8n CLI command (import, publish) to completion, its output going to the log. */
function n8nCommand(runtime, args, { env, logFile }) {
	fs.appendFileSync(logFile, `\n$ n8n ${args.join(' ')}\n`);
	return run(runtime.nodeBin, [runtime.n8nBin, ...args], { env, logFile });
}

/** Workflow ids in an export file (one workflow or an array), to publish after the import. */
function workflowIds(file) {
	const content = JSON.parse(fs.readFileSync(file, 'utf8'));
	return (Array.isArray(content) ? content : [content])
		.map((workflow) => workflow.id)
		.filter(Boolean);
}

/**
 * Starts `n8n start` in its own process group and waits until it has started up.
 * Before that, imports `credentialsFile` (plain `data`, n8n encrypts it) and each of
 * `workflowsFiles`, publishing every imported workflow that has an `id` (n8n activates them
 * shortly after start: waitForPublished() waits for that).
 * `port` defaults to a free one; `env` adds to or overrides n8n's settings.
 * Returns { url, port, userFolder, logPath, pid, stop(), exited }: `stop()` ends n8n and its
 * task runner; `exited` resolves with the exit code or signal if n8n stops by itself.
 */
export async function startN8n({
	userFolder,
	port,
	env = {},
	credentialsFile,
	workflowsFiles = [],
	timeoutMs = 180_000,
	cacheDir,
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
	const logFd = fs.openSync(logPath, 'a');
	const child = spawn(runtime.nodeBin, [runtime.n8nBin, 'start'], {
		cwd: userFolder,
		env: fullEnv,
		detached: true, // its own process group, so stop() also ends n8n's task runners
		stdio: ['ignore', logFd, logFd],
	});
	fs.closeSync(logFd);
	const handle = track(child);
	const url = `http://127.0.0.1:${n8nPort}`;
	try {
		await waitUntilReady(url, handle.exited, { timeoutMs, logPath, logOffset });
	} catch (error) {
		await handle.stop();
		throw error;
	}
	log(`n8n is up at ${url} (${elapsed(started)})`);
	return {
		url,
		port: n8nPort,
		userFolder,
		logPath,
		pid: child.pid,
		stop: handle.stop,
		exited: handle.exited,
	};
}

/**
 * Ready means: the database is migrated and the API is up (/healthz/readiness), the REST API
 * answers JSON (while migrating it answers 200 "n8n is starting up"), and n8n has logged that
 * the editor is accessible, the last step of its start-up. (Published workflows are activated
 * in the background after that: see waitForPublished.)
 */
async function waitUntilReady(url, childExited, { timeoutMs, logPath, logOffset }) {
	const deadline = Date.now() + timeoutMs;
	let exited = null;
	childExited.then((reason) => (exited = reason));
	const checks = [
		() => httpOk(`${url}/healthz/readiness`),
		() => httpOk(`${url}/rest/settings`, 'application/json'),
		() => readFrom(logPath, logOffset).includes('Editor is now accessible via'),
	];
	for (const check of checks) {
		for (;;) {
			if (exited !== null)
				throw new Error(`n8n exited (${exited}) before it was ready\n${tail(logPath)}`);
			if (Date.now() > deadline)
				throw new Error(`n8n was not ready after ${timeoutMs / 1000} s\n${tail(logPath)}`);
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

function readFrom(file, offset) {
	const fd = fs.openSync(file, 'r');
	try {
		const length = Math.max(0, fs.fstatSync(fd).size - offset);
		const buffer = Buffer.alloc(length);
		fs.readSync(fd, buffer, 0, length, offset);
		return buffer.toString('utf8');
	} finally {
		fs.closeSync(fd);
	}
}

/** The last lines of a log file, for error messages. */
export function tail(file, lines = 40) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

// Children die with their parent: on exit, Ctrl-C or SIGTERM, every n8n process group is ended.
const children = new Set();
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const STOP_GRACE_MS = 15_000; // n8n's own graceful shutdown is set to 10 s

/** Registers a detached child; returns { stop(), exited } for it. */
function track(child) {
	const entry = { child };
	entry.exited = new Promise((resolve) => {
		child.once('exit', (code, signal) => resolve(signal ?? code));
		child.once('error', (error) => resolve(error.message)); // could not start at all
	}).then((reason) => {
		killGroup(child.pid, 'SIGKILL'); // anything n8n left behind in its group
		untrack(entry);
		return reason;
	});
	entry.stop = () => (entry.stopping ??= stopChild(entry));
	children.add(entry);
	if (children.size === 1) {
		process.on('exit', killAllNow);
		for (const signal of signals) process.on(signal, onSignal);
	}
	return { stop: entry.stop, exited: entry.exited };
}

function untrack(entry) {
	if (!children.delete(entry) || children.size > 0) return;
	process.off('exit', killAllNow);
	for (const signal of signals) process.off(signal, onSignal);
}

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

/** SIGTERM to the group (n8n shuts down gracefully), SIGKILL if that takes too long. */
async function stopChild({ child, exited }) {
	killGroup(child.pid, 'SIGTERM');
	const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), STOP_GRACE_MS);
	await exited;
	clearTimeout(timer);
}

function killAllNow() {
	for (const { child } of children) killGroup(child.pid, 'SIGKILL');
}

/**
 * Also stops when our parent dies: `kill <npm's pid>` ends npm without passing the signal on,
 * which would leave this process and n8n running.
 */
export function stopWithParent() {
	const parent = process.ppid;
	const timer = setInterval(() => {
		if (process.ppid === parent) return;
		clearInterval(timer);
		onSignal('SIGHUP');
	}, 1000).unref();
}

let signalExitCode = null; // set once a signal asked us to stop
async function onSignal(signal) {
	if (signalExitCode !== null) {
		killAllNow(); // a second Ctrl-C: no more waiting
		process.exit(signalExitCode);
	}
	signalExitCode = 128 + os.constants.signals[signal]; // 130 for Ctrl-C, as a shell reports it
	log(`${signal}: stopping n8n ...`);
	await Promise.all([...children].map((entry) => entry.stop()));
	process.exit(signalExitCode);
}

// ---------------------------------------------------------------------------------------------
// 4. The owner account and logging in

export const DEFAULT_OWNER = {
	email: process.env.N8N_OWNER_EMAIL ?? 'owner@example.com',
	// n8n wants 8 to 64 characters with a digit and an upper-case letter.
	password: process.env.N8N_OWNER_PASSWORD ?? 'Mallcoo-n8n-1',
	firstName: 'Local',
	lastName: 'Owner',
};

/**
 * Creates the instance owner unless one exists (n8n's API answers 401 until then).
 * Returns true when it created the owner, false when there already was one.
 */
export async function ensureOwner(url, owner = DEFAULT_OWNER) {
	const settings = await restRequest(url, 'GET', '/rest/settings');
	if (settings.data?.userManagement?.showSetupOnFirstLoad === false) return false;
	const { email, password, firstName, lastName } = owner;
	const response = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password, firstName, lastName }),
	});
	const body = await response.text();
	if (response.ok) return true;
	if (response.status === 400 && body.includes('already setup')) return false;
	throw new Error(`POST /rest/owner/setup answered ${response.status}: ${body}`);
}

/**
 * Logs in through `POST /rest/login` ({ emailOrLdapLoginId, password }) and returns the
 * `n8n-auth=...` cookie to send as the `cookie` header. n8n allows 5 logins per minute per
 * e-mail address: log in once and reuse the cookie.
 */
export async function login(url, email, password) {
	const response = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	if (!response.ok)
		throw new Error(`POST /rest/login answered ${response.status}: ${await response.text()}`);
	const cookie = response.headers.getSetCookie().find((line) => line.startsWith('n8n-auth='));
	if (!cookie) throw new Error('POST /rest/login set no n8n-auth cookie');
	return cookie.split(';')[0];
}

/** Calls n8n's REST API (with the cookie from login()) and returns the parsed JSON body. */
export async function restRequest(url, method, endpoint, { cookie, body } = {}) {
	const headers = {};
	if (cookie) headers.cookie = cookie;
	if (body !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(url + endpoint, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok)
		throw new Error(`${method} ${endpoint} answered ${response.status}: ${text.slice(0, 500)}`);
	return text ? JSON.parse(text) : null;
}

/**
 * Waits until n8n has activated a published workflow's triggers (webhooks included). n8n 2.x
 * activates published workflows in the background after start, so a webhook answers 404 for
 * a few seconds after startN8n() returns. Throws when activation failed.
 */
export async function waitForPublished(url, cookie, workflowId, { timeoutMs = 60_000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const { data } = await restRequest(
			url,
			'GET',
			`/rest/workflows/${workflowId}/publication-status`,
			{ cookie },
		);
		if (data.status === 'published') return data;
		if (data.status === 'failed' || data.status === 'partial') {
			throw new Error(`Workflow ${workflowId} did not activate: ${JSON.stringify(data.triggers)}`);
		}
		if (Date.now() > deadline)
			throw new Error(`Workflow ${workflowId} still ${data.status} after ${timeoutMs / 1000} s`);
		await sleep(250);
	}
}

// ---------------------------------------------------------------------------------------------
// Command line: `npm start` runs `node scripts/n8n-server.mjs start`

const USAGE = `Usage:
  node scripts/n8n-server.mjs install     install n8n ${N8N_VERSION} (and Node 24) into ${path.relative(REPO_ROOT, CACHE_DIR)}
  node scripts/n8n-server.mjs check [--tarball FILE | --no-build] [--port N]
      smoke test: a fresh n8n in a temporary folder loads the package's node types, then stops
  node scripts/n8n-server.mjs start [options]
      build and pack this package, install it into n8n, start n8n, create the owner, run until Ctrl-C
    --port N            editor port (default 5678, or a free one when 5678 is taken)
    --user-folder DIR   n8n's data (default .cache/n8n-user; kept between runs)
    --tarball FILE      install this npm pack tarball instead of building one
    --no-build          pack the existing dist/ without building
    --credentials FILE  import credentials (n8n export format, plain data) before starting
    --workflows FILE    import and publish workflows before starting (repeatable)
Owner account: N8N_OWNER_EMAIL / N8N_OWNER_PASSWORD (default ${DEFAULT_OWNER.email} / ${DEFAULT_OWNER.password}).
The n8n cache folder can be moved with N8N_CACHE_DIR.`;

async function main(argv) {
	const { positionals, values } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			port: { type: 'string' },
			'user-folder': { type: 'string' },
			tarball: { type: 'string' },
			'no-build': { type: 'boolean' },
			credentials: { type: 'string' },
			workflows: { type: 'string', multiple: true },
			help: { type: 'boolean', short: 'h' },
		},
	});
	const [command] = positionals;
	if (values.help || !['install', 'start', 'check'].includes(command)) {
		console.log(USAGE);
		return values.help ? 0 : 1;
	}
	if (command === 'install') {
		const runtime = await ensureN8n();
		log(`n8n: ${runtime.nodeBin} ${runtime.n8nBin}`);
		return 0;
	}
	// Build errors show up before the (first-time) n8n install, which startN8n() runs.
	if (command === 'check') return await check(values);

	stopWithParent();
	const userFolder = path.resolve(
		values['user-folder'] ?? path.join(REPO_ROOT, '.cache', 'n8n-user'),
	);
	await installOwnPackage(userFolder, values);

	const port = values.port ? Number(values.port) : (await freePorts(1, 5678))[0];
	const server = await startN8n({
		userFolder,
		port,
		credentialsFile: values.credentials,
		workflowsFiles: values.workflows ?? [],
	});
	const created = await ensureOwner(server.url, DEFAULT_OWNER);
	const workflowIdsToWait = (values.workflows ?? []).flatMap(workflowIds);
	if (workflowIdsToWait.length) {
		const cookie = await login(server.url, DEFAULT_OWNER.email, DEFAULT_OWNER.password);
		for (const id of workflowIdsToWait) await waitForPublished(server.url, cookie, id);
		log(`Workflows active: ${workflowIdsToWait.join(', ')}`);
	}
	log('');
	log(`n8n is running: ${server.url}`);
	log(
		created
			? `Sign in as ${DEFAULT_OWNER.email} / ${DEFAULT_OWNER.password}`
			: `Sign in with the owner account of ${userFolder}`,
	);
	log(`Log: ${server.logPath}. Press Ctrl-C to stop.`);
	const exit = await server.exited; // Ctrl-C is handled by the signal handlers above
	if (signalExitCode !== null) return signalExitCode;
	log(`n8n exited (${exit}); see ${server.logPath}\n${tail(server.logPath, 20)}`);
	return 1;
}

/** Installs --tarball, or else this project built and packed, into the user folder. */
async function installOwnPackage(userFolder, values) {
	const tarball = values.tarball
		? path.resolve(values.tarball)
		: await buildAndPack({ build: !values['no-build'] });
	try {
		const installed = await installPackageIntoUserFolder(userFolder, tarball);
		log(`Installed ${path.basename(tarball)} into ${installed}`);
		return installed;
	} finally {
		if (!values.tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	}
}

/** Smoke test: a fresh n8n loads this package's node and credential types, then stops. */
async function check(values) {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-check-'));
	const installed = await installOwnPackage(userFolder, values);
	const { name } = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
	const server = await startN8n({
		userFolder,
		port: values.port ? Number(values.port) : undefined,
	});
	try {
		await ensureOwner(server.url);
		const cookie = await login(server.url, DEFAULT_OWNER.email, DEFAULT_OWNER.password);
		const nodes = await restRequest(server.url, 'GET', '/types/nodes.json', { cookie });
		const credentials = await restRequest(server.url, 'GET', '/types/credentials.json', { cookie });
		const ours = nodes.filter((type) => type.name.startsWith(`${name}.`)).map((type) => type.name);
		log(`${nodes.length} node types; from ${name}: ${ours.join(', ') || 'none'}`);
		log(
			`${credentials.length} credential types, including: ${
				credentials
					.filter((type) => /mallcoo/i.test(type.name))
					.map((type) => type.name)
					.join(', ') || 'none of ours'
			}`,
		);
		if (ours.length === 0) throw new Error(`n8n did not load ${name}; see ${server.logPath}`);
	} finally {
		await server.stop();
	}
	fs.rmSync(userFolder, { recursive: true, force: true });
	log('check passed');
	return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(error) => {
			if (signalExitCode !== null) process.exit(signalExitCode); // stopped by Ctrl-C
			console.error(`[n8n-server] ${error.message}`);
			process.exit(1);
		},
	);
}
