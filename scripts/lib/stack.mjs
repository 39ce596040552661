// The stack `npm start` runs (scripts/start.mjs) and the embedded e2e suite starts
// (e2e/global-setup.ts): the Mallcoo sandbox and one real n8n (embedded SQLite) with this package,
// the credential "Mallcoo Sandbox" and the example workflows. Queue mode's stack, with the same
// content, is scripts/lib/queue.mjs. Plain Node ESM with built-ins only (the sandbox needs the
// project's tsx: ensureProjectDependencies() installs the project's dependencies when missing).

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ownerAccount, restRequest, signInOwner, waitForPublished } from './api.mjs';
import { REPO_ROOT } from './install.mjs';
import { buildAndPack, installPackageIntoUserFolder } from './package.mjs';
import { elapsed, freePorts, isAlive, logger } from './process.mjs';
import { startSandboxProcess } from './sandbox.mjs';
import {
	WEBHOOK_SECRET_HEADER,
	folderSecrets,
	makePrivate,
	privateUmask,
	secretsFileOf,
	webhookCredentialExport,
} from './secrets.mjs';
import { startN8n } from './server.mjs';

export const N8N_PORT = 5678; // preferred; a free one when taken
export const DEFAULT_USER_FOLDER = path.join(REPO_ROOT, '.cache', 'n8n-user');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
/** The credential every example uses (`credentials.mallcooApi.id` in examples/*.json). */
export const CREDENTIAL = { id: 'mallcooSandbox01', name: 'Mallcoo Sandbox', type: 'mallcooApi' };

export const log = logger('start');

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

/** The secrets of a stack's data folder (scripts/lib/secrets.mjs) that both stacks use. */
export const STACK_SECRETS = ['ownerPassword', 'webhookSecret'];

/**
 * What a stack imports into n8n on every start: the sandbox credential and the examples' webhook
 * secret (`secrets` from folderSecrets()), in n8n's export format.
 */
export function stackCredentials(sandbox, secrets) {
	return [...credentialExport(sandbox), webhookCredentialExport(secrets.webhookSecret)];
}

/** What a started stack tells about its secrets: where they are stored, and the webhook header. */
export function secretsInfo(folder, secrets) {
	return {
		secretsFile: secretsFileOf(folder),
		webhookSecret: { header: WEBHOOK_SECRET_HEADER, value: secrets.webhookSecret },
	};
}

/**
 * A credential in n8n's export format, plain `data` (`n8n import:credentials` encrypts it),
 * pointing at `sandbox`; `credential` defaults to CREDENTIAL.
 */
export function credentialExport(sandbox, credential = CREDENTIAL) {
	return [
		{
			...credential,
			data: { ...sandbox.credentials, baseUrl: sandbox.url, authBaseUrl: sandbox.url },
		},
	];
}

const WORKFLOW_FIELDS = ['name', 'nodes', 'connections', 'settings', 'pinData', 'meta'];
const workflowBody = (json) =>
	Object.fromEntries(
		WORKFLOW_FIELDS.filter((key) => json[key] !== undefined).map((key) => [key, json[key]]),
	);
export const hashOf = (json) =>
	createHash('sha256')
		.update(JSON.stringify(workflowBody(json)))
		.digest('hex');

export function readState(file) {
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
 * Whether a node type is this package's trigger (by its shape, not its exact name: the type was
 * `mallcooOAuthTrigger` before it became `mallcooTrigger`).
 */
export const isMallcooTrigger = (type) => /^n8n-nodes-mallcoo\.[A-Za-z]*Trigger$/.test(type ?? '');

/**
 * Production webhook addresses of a workflow's trigger nodes: [{ node, type, method, url }].
 * n8n serves a Webhook node at /webhook/<path>, and a node whose webhook path is relative to
 * its webhookId (our sign-in trigger: `callback`) at /webhook/<webhookId>/<path>.
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
				authentication: node.parameters?.authentication ?? 'none',
			});
		} else if (isMallcooTrigger(node.type)) {
			hooks.push({
				node: node.name,
				type: node.type,
				method: 'GET',
				url: `${n8nUrl}/webhook/${node.webhookId}/callback`,
				// A shopper's browser arrives here from Mallcoo's sign-in page: it can carry no
				// secret. The trigger trusts only what Mallcoo answers for the ticket it brings.
				authentication: 'mallcooTicket',
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
 * Everything it creates in the user folder is private (0700 folders, 0600 files); the owner
 * password and the webhook secret are random per user folder, kept in its mallcoo-secrets.json.
 * Returns { url, sandbox, n8n, owner, ownerCreated, cookie, workflows, secretsFile,
 * webhookSecret: { header, value }, stop() }.
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
	log.quiet = beQuiet;
	const started = Date.now();
	userFolder = path.resolve(userFolder);
	const restoreUmask = privateUmask();
	fs.mkdirSync(userFolder, { recursive: true });
	makePrivate(userFolder);
	claimUserFolder(userFolder);
	const secrets = folderSecrets(userFolder, STACK_SECRETS);
	const stack = { sandbox: null, n8n: null };
	stack.stop = async () => {
		await Promise.all([stack.n8n?.stop(), stack.sandbox?.stop()]);
	};
	// The sandbox starts while the package builds.
	const sandboxPromise = startSandboxProcess({
		port: sandboxPort,
		logPath: path.join(userFolder, 'sandbox.log'),
		// 1,000 synthetic members (13900000001 …) beside the seeded ones: enough for a campaign.
		args: ['--members', '1000'],
	});
	sandboxPromise.then(
		(sandbox) => (stack.sandbox = sandbox),
		() => {},
	);
	try {
		const tarball = await buildAndPack({ build });
		try {
			await installPackageIntoUserFolder(userFolder, tarball);
			makePrivate(userFolder); // the unpacked package keeps the modes its tarball gives
		} finally {
			fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		}
		const sandbox = await sandboxPromise;
		stack.sandbox = sandbox;
		log(`Mallcoo sandbox on ${sandbox.url} (${elapsed(started)})`);

		const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallcoo-credential-'));
		const credentialsFile = path.join(exportDir, 'credentials.json');
		fs.writeFileSync(credentialsFile, JSON.stringify(stackCredentials(sandbox, secrets)), {
			mode: 0o600,
		});
		const port = n8nPort ?? (await freePorts(1, N8N_PORT))[0];
		try {
			stack.n8n = await startN8n({ userFolder, port, env, credentialsFile });
		} finally {
			fs.rmSync(exportDir, { recursive: true, force: true });
		}
		const { url } = stack.n8n;
		const owner = ownerAccount(secrets.ownerPassword);
		const { created: ownerCreated, cookie } = await signInOwner(url, owner, log);
		if (!cookie) log('Workflows not synced.');
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
			owner,
			ownerCreated,
			cookie,
			userFolder,
			...secretsInfo(userFolder, secrets),
			workflows: synced.map((result) => ({
				...result,
				json: all.find((w) => w.json.id === result.id).json,
			})),
		});
	} catch (error) {
		await sandboxPromise.catch(() => {}); // a build error must not leave the sandbox running
		await stack.stop().catch(() => {});
		throw error;
	} finally {
		restoreUmask();
	}
}

/** One n8n per user folder: two would share one SQLite database. Released when this process exits. */
export function claimUserFolder(userFolder) {
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
