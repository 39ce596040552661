#!/usr/bin/env node
// `npm start`: the Mallcoo sandbox and a real n8n with this package, a ready credential and the
// example workflows, until Ctrl-C. The end-to-end tests start the same stack through
// startStack() (a temporary user folder, free ports). scripts/n8n-server.mjs is the n8n library
// underneath (install, start, owner, login); this file adds the sandbox and the demo content.
// Plain Node ESM with built-ins only: it runs before the project's dependencies are installed.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import {
	DEFAULT_OWNER,
	REPO_ROOT,
	buildAndPack,
	ensureOwner,
	freePorts,
	isAlive,
	installPackageIntoUserFolder,
	login,
	restRequest,
	startN8n,
	tail,
	waitForPublished,
} from './n8n-server.mjs';

export const SANDBOX_PORT = 3010; // preferred; a free one when taken
export const N8N_PORT = 5678; // preferred; a free one when taken
export const DEFAULT_USER_FOLDER = path.join(REPO_ROOT, '.cache', 'n8n-user');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
/** The credential every example uses (`credentials.mallcooApi.id` in examples/*.json). */
export const CREDENTIAL = { id: 'mallcooSandbox01', name: 'Mallcoo Sandbox', type: 'mallcooApi' };

let quiet = false;
const log = (message) => {
	if (!quiet) console.log(`[start] ${message}`);
};
const elapsed = (since) => `${Math.round((Date.now() - since) / 1000)} s`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// The project's own dependencies (npm start on a fresh clone)

/** Runs `npm install` when node_modules lacks what the build and the sandbox need. */
export function ensureProjectDependencies() {
	const needed = ['typescript', 'gulp', 'tsx', 'n8n-workflow'];
	const missing = needed.filter(
		(name) => !fs.existsSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json')),
	);
	if (missing.length === 0) return;
	log(`Installing the project's dependencies (npm install; missing: ${missing.join(', ')}) ...`);
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const result = spawnSync(npm, ['install', '--no-audit', '--no-fund'], {
		cwd: REPO_ROOT,
		stdio: 'inherit',
	});
	if (result.status !== 0)
		throw new Error(`npm install failed (${result.signal ?? result.status})`);
}

// ---------------------------------------------------------------------------------------------
// The sandbox, as a child process (`node --import tsx sandbox/cli.ts`)

const sandboxes = new Set(); // running sandbox children, ended when this process exits

/**
 * Starts the Mallcoo sandbox on 127.0.0.1 (`port`, default 3010 when free, else a free one).
 * Returns { url, port, pid, credentials: {appId, publicKey, privateKey}, logPath, stop(), exited }.
 */
export async function startSandboxProcess({ port, logPath, timeoutMs = 30_000 } = {}) {
	const wanted = port ?? (await freePorts(1, SANDBOX_PORT))[0];
	// The project's tsx as an --import loader (createRequire: test runners may not offer import.meta.resolve).
	const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
	const env = { ...process.env };
	delete env.NODE_OPTIONS; // a test runner's loader flags are not meant for the sandbox
	const child = spawn(
		process.execPath,
		[
			'--import',
			tsx,
			path.join('sandbox', 'cli.ts'),
			'--port',
			String(wanted),
			'--host',
			'127.0.0.1',
		],
		{ cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
	);
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

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

function killSandboxesNow() {
	for (const { child } of sandboxes) killGroup(child.pid, 'SIGKILL');
}

// ---------------------------------------------------------------------------------------------
// Demo content: the credential and the workflows

/** The example workflows: [{ file, json }], json being the parsed examples/*.json. */
export function exampleWorkflows(dir = EXAMPLES_DIR) {
	return fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => {
			const file = path.join(dir, name);
			return { file, json: JSON.parse(fs.readFileSync(file, 'utf8')) };
		});
}

/** The credential in n8n's export format, plain `data`: `n8n import:credentials` encrypts it. */
function credentialExport(sandbox) {
	return [
		{
			...CREDENTIAL,
			data: { ...sandbox.credentials, baseUrl: sandbox.url, authBaseUrl: sandbox.url },
		},
	];
}

const WORKFLOW_FIELDS = ['name', 'nodes', 'connections', 'settings', 'pinData', 'meta'];
const workflowBody = (json) =>
	Object.fromEntries(
		WORKFLOW_FIELDS.filter((key) => json[key] !== undefined).map((key) => [key, json[key]]),
	);
const hashOf = (json) =>
	createHash('sha256')
		.update(JSON.stringify(workflowBody(json)))
		.digest('hex');

function readState(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return {};
	}
}

/**
 * Puts each workflow into n8n by its fixed id and publishes it, through the REST API:
 * missing → created; changed since the last start (its file differs from what was imported
 * into this user folder) → overwritten; unchanged → left as it is, edits made in the editor
 * included; archived (deleted in the editor) → restored. `reset` overwrites them all.
 * Returns [{ id, name, action, published, problem? }].
 */
export async function syncWorkflows(url, cookie, workflows, { stateFile, reset = false } = {}) {
	const state = stateFile ? readState(stateFile) : {};
	state.workflows ??= {};
	const results = [];
	for (const { file, json } of workflows) {
		const { id, name } = json;
		if (!id) throw new Error(`${file ?? name}: a workflow to import needs a fixed "id"`);
		const hash = hashOf(json);
		const current = await restRequest(url, 'GET', `/rest/workflows/${id}`, { cookie }).then(
			(response) => response.data,
			(error) => {
				if (/answered 404/.test(error.message)) return null;
				throw error;
			},
		);
		let action = 'kept';
		let saved = current;
		if (current?.isArchived) {
			// Deleted in the editor (n8n archives first): bring the example back.
			await restRequest(url, 'POST', `/rest/workflows/${id}/unarchive`, { cookie });
			saved = (
				await restRequest(url, 'PATCH', `/rest/workflows/${id}?forceSave=true`, {
					cookie,
					body: workflowBody(json),
				})
			).data;
			action = 'restored';
		} else if (!current) {
			saved = (
				await restRequest(url, 'POST', '/rest/workflows', {
					cookie,
					body: { ...workflowBody(json), id },
				})
			).data;
			action = 'created';
		} else if (reset || state.workflows[id] !== hash) {
			saved = (
				await restRequest(url, 'PATCH', `/rest/workflows/${id}?forceSave=true`, {
					cookie,
					body: workflowBody(json),
				})
			).data;
			action = 'updated';
		}
		if (action !== 'kept' || (!state.workflows[id] && !current.activeVersionId)) {
			await restRequest(url, 'POST', `/rest/workflows/${id}/activate`, {
				cookie,
				body: { versionId: saved.versionId },
			});
		}
		state.workflows[id] = hash;
		if (action !== 'kept')
			log(
				`Workflow "${saved.name ?? name}" ${action} from ${file ? path.relative(REPO_ROOT, file) : 'its definition'}`,
			);
		const { data: status } = await restRequest(
			url,
			'GET',
			`/rest/workflows/${id}/publication-status`,
			{ cookie },
		);
		results.push({
			id,
			name: saved.name ?? name,
			action,
			published: status.status !== 'unpublished',
			file,
		});
	}
	if (stateFile) fs.writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
	for (const result of results) {
		if (!result.published) continue;
		try {
			await waitForPublished(url, cookie, result.id);
		} catch (error) {
			// Say so and go on: the editor shows the workflow's problem.
			Object.assign(result, { published: false, problem: error.message });
			log(`Workflow "${result.name}" is published but did not activate: ${error.message}`);
		}
	}
	return results;
}

/**
 * Production webhook addresses of a workflow's trigger nodes: [{ node, type, method, url }].
 * n8n serves a Webhook node at /webhook/<path>, and a node whose webhook path is relative to
 * its webhookId (our OAuth trigger: `callback`) at /webhook/<webhookId>/<path>.
 */
export function productionWebhooks(n8nUrl, workflow) {
	const hooks = [];
	for (const node of workflow.nodes ?? []) {
		if (node.type === 'n8n-nodes-base.webhook') {
			hooks.push({
				node: node.name,
				type: node.type,
				method: node.parameters?.httpMethod ?? 'GET',
				url: `${n8nUrl}/webhook/${node.parameters.path}`,
			});
		} else if (node.type === 'n8n-nodes-mallcoo.mallcooTrigger') {
			hooks.push({
				node: node.name,
				type: node.type,
				method: 'GET',
				url: `${n8nUrl}/webhook/${node.webhookId}/callback`,
			});
		}
	}
	return hooks;
}

/** The sandbox's H5 sign-in page that sends the shopper back to `callbackUrl`. */
export function sandboxSignInUrl(sandbox, callbackUrl, { mobile } = {}) {
	const { appId, publicKey } = sandbox.credentials;
	const query = `AppID=${encodeURIComponent(appId)}&PublicKey=${encodeURIComponent(publicKey)}&CallbackUrl=${encodeURIComponent(callbackUrl)}`;
	return `${sandbox.url}/a/open/User/V2/OAuth/BaseInfo/?${query}${mobile ? `&sandboxMobile=${mobile}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// The whole stack

/**
 * Builds and installs this package, starts the sandbox and n8n, imports the credential (each
 * start: it must point at this start's sandbox) and the workflows, creates the owner and logs in.
 * Options: userFolder (default .cache/n8n-user), n8nPort / sandboxPort (default 5678 / 3010
 * when free, else free ones), build (default true), workflows (default the examples),
 * extraWorkflows ([{ json }], added to them), resetWorkflows, env (n8n settings), quiet.
 * Returns { url, sandbox, n8n, owner, ownerCreated, cookie, workflows, stop() }.
 */
export async function startStack({
	userFolder = DEFAULT_USER_FOLDER,
	n8nPort,
	sandboxPort,
	build = true,
	workflows = exampleWorkflows(),
	extraWorkflows = [],
	resetWorkflows = false,
	env = {},
	quiet: beQuiet = false,
} = {}) {
	quiet = beQuiet;
	const started = Date.now();
	userFolder = path.resolve(userFolder);
	fs.mkdirSync(userFolder, { recursive: true });
	claimUserFolder(userFolder);
	const stack = { sandbox: null, n8n: null };
	stack.stop = async () => {
		await Promise.all([stack.n8n?.stop(), stack.sandbox?.stop()]);
	};
	// The sandbox starts while the package builds.
	const sandboxPromise = startSandboxProcess({
		port: sandboxPort,
		logPath: path.join(userFolder, 'sandbox.log'),
	});
	sandboxPromise.then(
		(sandbox) => (stack.sandbox = sandbox),
		() => {},
	);
	try {
		const tarball = await buildAndPack({ build });
		try {
			await installPackageIntoUserFolder(userFolder, tarball);
		} finally {
			fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		}
		const sandbox = await sandboxPromise;
		stack.sandbox = sandbox;
		log(`Mallcoo sandbox on ${sandbox.url} (${elapsed(started)})`);

		const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallcoo-credential-'));
		const credentialsFile = path.join(exportDir, 'credentials.json');
		fs.writeFileSync(credentialsFile, JSON.stringify(credentialExport(sandbox)), { mode: 0o600 });
		const port = n8nPort ?? (await freePorts(1, N8N_PORT))[0];
		try {
			stack.n8n = await startN8n({ userFolder, port, env, credentialsFile });
		} finally {
			fs.rmSync(exportDir, { recursive: true, force: true });
		}
		const { url } = stack.n8n;
		const ownerCreated = await ensureOwner(url, DEFAULT_OWNER);
		const cookie = await login(url, DEFAULT_OWNER.email, DEFAULT_OWNER.password).catch((error) => {
			if (ownerCreated) throw error;
			log(
				`Could not log in as ${DEFAULT_OWNER.email} (${error.message.split('\n')[0]}); workflows not synced.`,
			);
			return null;
		});
		const all = [...workflows, ...extraWorkflows];
		const synced = cookie
			? await syncWorkflows(url, cookie, all, {
					stateFile: path.join(userFolder, 'mallcoo-workflows.json'),
					reset: resetWorkflows,
				})
			: [];
		log(`Ready in ${elapsed(started)}`);
		return Object.assign(stack, {
			url,
			owner: DEFAULT_OWNER,
			ownerCreated,
			cookie,
			userFolder,
			workflows: synced.map((result) => ({
				...result,
				json: all.find((w) => w.json.id === result.id).json,
			})),
		});
	} catch (error) {
		await sandboxPromise.catch(() => {}); // a build error must not leave the sandbox running
		await stack.stop().catch(() => {});
		throw error;
	}
}

/** One n8n per user folder: two would share one SQLite database. Released when this process exits. */
function claimUserFolder(userFolder) {
	const file = path.join(userFolder, 'start.pid');
	const holder = Number(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : 0);
	if (holder && holder !== process.pid && isAlive(holder)) {
		throw new Error(
			`Another start (pid ${holder}) is using ${userFolder}: stop it first, or pass --user-folder DIR`,
		);
	}
	fs.writeFileSync(file, String(process.pid));
	process.once('exit', () => {
		try {
			if (Number(fs.readFileSync(file, 'utf8')) === process.pid) fs.rmSync(file);
		} catch {
			// already gone
		}
	});
}

// ---------------------------------------------------------------------------------------------
// What `npm start` prints once everything is up

const TRY = {
	mallcooLookup001: (hook) => [`curl -s '${hook.url}?mobile=13800000001'`],
	mallcooTagList01: (hook) => [
		`curl -s -X POST '${hook.url}' -H 'content-type: application/json' \\`,
		`     -d '{"mobiles": ["13800000001", "13800000002", "13899999999"], "tagIds": "30,31", "description": "Spring campaign"}'`,
	],
	mallcooCrmSync01: (hook) => [
		`curl -s -X POST '${hook.url}' -H 'content-type: application/json' \\`,
		`     -d '{"crmId": "CRM10000001", "grade": "3", "points": 12800}'`,
	],
};

export function summary(stack) {
	const { url, sandbox, owner, ownerCreated, userFolder } = stack;
	const lines = [
		'',
		'================================================================================',
		` n8n (with n8n-nodes-mallcoo) is running:  ${url}`,
		ownerCreated || stack.cookie
			? ` Sign in:  ${owner.email}  /  ${owner.password}`
			: ` Sign in with the owner account of ${userFolder}`,
		` Mallcoo sandbox:  ${sandbox.url}   (credential "${CREDENTIAL.name}" points at it)`,
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
				tries.push(`   # ${workflow.name}`, ...TRY[workflow.id](hook).map((line) => `   ${line}`));
			if (hook.type === 'n8n-nodes-mallcoo.mallcooTrigger') {
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
		` Logs: ${stack.n8n.logPath}, ${sandbox.logPath}`,
		' Press Ctrl-C to stop n8n and the sandbox.',
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
    --user-folder DIR   n8n's data (default .cache/n8n-user; kept between runs)
    --no-build          use the existing dist/ as it is
    --reset-examples    overwrite the example workflows even if they are unchanged (drops edits made in n8n)`;

async function main(argv) {
	const { values } = parseArgs({
		args: argv,
		options: {
			port: { type: 'string' },
			'sandbox-port': { type: 'string' },
			'user-folder': { type: 'string' },
			'no-build': { type: 'boolean' },
			'reset-examples': { type: 'boolean' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	const started = Date.now();
	let stack = null;
	let stopping = null;
	const stopAll = (code) => {
		stopping ??= (async () => {
			log('Stopping n8n and the sandbox ...');
			await stack?.stop();
			killSandboxesNow(); // a sandbox still starting
			process.exit(code);
		})();
		return stopping;
	};
	// n8n-server.mjs stops n8n on these signals once n8n runs; this also covers the other phases.
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
		process.on(signal, () => stopAll(128 + os.constants.signals[signal]));
	// `kill <npm's pid>` ends npm without passing the signal on: stop when our parent is gone.
	const parent = process.ppid;
	setInterval(() => {
		if (process.ppid !== parent) stopAll(128 + os.constants.signals.SIGHUP);
	}, 1000).unref();

	ensureProjectDependencies();
	stack = await startStack({
		userFolder: values['user-folder'] ?? DEFAULT_USER_FOLDER,
		n8nPort: values.port ? Number(values.port) : undefined,
		sandboxPort: values['sandbox-port'] ? Number(values['sandbox-port']) : undefined,
		build: !values['no-build'],
		resetWorkflows: values['reset-examples'],
	});
	console.log(summary(stack));
	log(`Started in ${elapsed(started)}.`);

	const ended = await Promise.race([
		stack.n8n.exited.then(
			(reason) =>
				`n8n exited (${reason}); see ${stack.n8n.logPath}\n${tail(stack.n8n.logPath, 20)}`,
		),
		stack.sandbox.exited.then(
			(reason) =>
				`the sandbox exited (${reason}); see ${stack.sandbox.logPath}\n${tail(stack.sandbox.logPath, 20)}`,
		),
	]);
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
			process.exit(1);
		},
	);
}
