// Child processes for the scripts: running a command to completion, long-running servers in
// their own process groups (ended with this process), free ports, logs. Imported by the other
// scripts/lib/ modules; plain Node ESM with built-ins only, so it runs before `npm install`.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A console logger with a `[prefix]`; `logger.quiet = true` silences it. */
export function logger(prefix) {
	const log = (message) => {
		if (!log.quiet) console.log(`[${prefix}] ${message}`);
	};
	log.quiet = false;
	return log;
}

const log = logger('scripts');

export const elapsed = (since) => `${Math.round((Date.now() - since) / 1000)} s`;
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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
export function cleanEnv() {
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

/**
 * Runs a command to completion and returns its stdout; rejects with its output's tail.
 * `logFile` collects both streams; otherwise stderr shows them unless `quiet`.
 * `uid`/`gid` run it as another user (when this process is root).
 */
export function run(
	command,
	args,
	{ cwd, env = cleanEnv(), logFile, quiet = false, uid, gid } = {},
) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, env, uid, gid, stdio: ['ignore', 'pipe', 'pipe'] });
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
export async function withHeartbeat(label, promise, print = log) {
	const started = Date.now();
	const timer = setInterval(() => print(`  ... still ${label} (${elapsed(started)})`), 30_000);
	try {
		return await promise;
	} finally {
		clearInterval(timer);
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

export function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

// ---------------------------------------------------------------------------------------------
// Ports

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

// ---------------------------------------------------------------------------------------------
// Logs

/** What a file holds after `offset` bytes. */
export function readFrom(file, offset = 0) {
	let fd;
	try {
		fd = fs.openSync(file, 'r');
	} catch {
		return '';
	}
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

// ---------------------------------------------------------------------------------------------
// Long-running children: each in its own process group, ended when this process ends

// On exit, Ctrl-C or SIGTERM, every tracked process group is ended.
const children = new Set();
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Linux's parent-death signal through util-linux's `setpriv`, when there: the server gets
 * `signal` as soon as this process ends, however it ends (even SIGKILL, when no exit handler
 * runs), so a killed test runner leaves no database behind.
 */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((file) => fs.existsSync(file));

/** [command, args] that run `command args` with `signal` as its parent-death signal, when possible. */
export function withParentDeathSignal(command, args, signal = 'SIGTERM') {
	if (!SETPRIV || process.platform !== 'linux') return [command, args];
	return [SETPRIV, ['--pdeathsig', signal.replace(/^SIG/, ''), '--', command, ...args]];
}

/**
 * Starts a server process in its own process group, both output streams appended to `logPath`.
 * `stopSignal` (default SIGTERM) asks it to shut down; SIGKILL follows after `graceMs`. It also
 * gets `stopSignal` when this process dies (see SETPRIV).
 * Returns { pid, logPath, stop(), exited }: `exited` resolves with the exit code or signal.
 */
export function startDetached(
	command,
	args,
	{ cwd, env, logPath, uid, gid, stopSignal = 'SIGTERM', graceMs = 15_000 },
) {
	[command, args] = withParentDeathSignal(command, args, stopSignal);
	const logFd = fs.openSync(logPath, 'a');
	let child;
	try {
		child = spawn(command, args, {
			cwd,
			env,
			uid,
			gid,
			detached: true, // its own process group, so stop() also ends its children
			stdio: ['ignore', logFd, logFd],
		});
	} finally {
		fs.closeSync(logFd);
	}
	return { ...track(child, { stopSignal, graceMs }), logPath };
}

/** Registers a detached child; returns { pid, stop(), exited } for it. */
function track(child, { stopSignal, graceMs }) {
	const entry = { child };
	entry.exited = new Promise((resolve) => {
		child.once('exit', (code, signal) => resolve(signal ?? code));
		child.once('error', (error) => resolve(error.message)); // could not start at all
	}).then((reason) => {
		killGroup(child.pid, 'SIGKILL'); // anything it left behind in its group
		untrack(entry);
		return reason;
	});
	entry.stop = () =>
		(entry.stopping ??= (async () => {
			killGroup(child.pid, stopSignal);
			const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
			await entry.exited;
			clearTimeout(timer);
		})());
	children.add(entry);
	if (children.size === 1) {
		process.on('exit', killAllNow);
		for (const signal of signals) process.on(signal, onSignal);
	}
	return { pid: child.pid, stop: entry.stop, exited: entry.exited };
}

function untrack(entry) {
	if (!children.delete(entry) || children.size > 0) return;
	process.off('exit', killAllNow);
	for (const signal of signals) process.off(signal, onSignal);
}

/** SIGKILL to every tracked process group, synchronously (for 'exit' and a second Ctrl-C). */
export function killAllNow() {
	for (const { child } of children) killGroup(child.pid, 'SIGKILL');
}

/**
 * Also stops when our parent dies: `kill <npm's pid>` ends npm without passing the signal on,
 * which would leave this process and its servers running.
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
/** The exit code a stop signal asked for (130 for Ctrl-C), or null while none came. */
export const stoppedBySignal = () => signalExitCode;

async function onSignal(signal) {
	if (signalExitCode !== null) {
		killAllNow(); // a second Ctrl-C: no more waiting
		process.exit(signalExitCode);
	}
	signalExitCode = 128 + os.constants.signals[signal]; // 130 for Ctrl-C, as a shell reports it
	log(`${signal}: stopping ${children.size} server process${children.size === 1 ? '' : 'es'} ...`);
	await Promise.all([...children].map((entry) => entry.stop()));
	process.exit(signalExitCode);
}
