// n8n's REST API as the scripts and tests use it: the owner account, logging in, and waiting for
// published workflows to be active. Used by scripts/lib/stack.mjs, scripts/lib/queue.mjs and
// `node scripts/n8n-server.mjs check`. Plain Node ESM with built-ins only.

import { sleep } from './process.mjs';
import { newSecret } from './secrets.mjs';

/**
 * The owner account of a stack whose stored secrets (scripts/lib/secrets.mjs) hold
 * `ownerPassword`: random per data folder, never a constant anyone could read.
 */
export function ownerAccount(password) {
	return {
		email: process.env.N8N_OWNER_EMAIL ?? 'owner@example.com',
		password,
		firstName: 'Local',
		lastName: 'Owner',
	};
}

/**
 * An owner for an n8n in a temporary folder (the smoke check, the bench): its password is new in
 * every process. The stacks use ownerAccount() with the password stored in their folder.
 */
export const DEFAULT_OWNER = ownerAccount(newSecret('ownerPassword'));

/** The owner password this project once published; a folder whose owner still has it gets a new one. */
const PUBLISHED_PASSWORD = 'Mallcoo-n8n-1';

/**
 * Creates the owner unless one exists, then logs in. An existing owner that still has the
 * published password gets `owner.password` instead. Returns { created, cookie }; `cookie` is
 * null when the owner exists with another password (someone changed it in the editor).
 */
export async function signInOwner(url, owner, log = () => {}) {
	const created = await ensureOwner(url, owner);
	try {
		return { created, cookie: await login(url, owner.email, owner.password) };
	} catch (error) {
		if (created) throw error;
		const cookie = await login(url, owner.email, PUBLISHED_PASSWORD).catch(() => null);
		if (!cookie) {
			log(`Could not log in as ${owner.email} (${error.message.split('\n')[0]}).`);
			return { created, cookie: null };
		}
		await restRequest(url, 'PATCH', '/rest/me/password', {
			cookie,
			body: { currentPassword: PUBLISHED_PASSWORD, newPassword: owner.password },
		});
		log(`The owner ${owner.email} had the published password: replaced by the generated one.`);
		return { created, cookie: await login(url, owner.email, owner.password) };
	}
}

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
