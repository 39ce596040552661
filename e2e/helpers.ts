import { expect, inject } from 'vitest';

import { mallcooSign } from '../credentials/mallcooSignature';
import type { Member } from '../sandbox/members';
import type { StackInfo, Webhook } from './stack-info';

export { ARTIFACTS, type StackInfo, type Webhook } from './stack-info';

declare module 'vitest' {
	export interface ProvidedContext {
		stack: StackInfo;
	}
}

export const stack = (): StackInfo => inject('stack');

/** Empties the stack's sandbox: its request log and what earlier tests wrote. */
export async function resetSandbox(): Promise<void> {
	const response = await fetch(`${stack().sandbox.url}/__sandbox/reset`, { method: 'POST' });
	expect(response.ok).toBe(true);
}

/** The credentials n8n holds (GET /rest/credentials as the owner). */
export async function n8nCredentials(): Promise<Array<{ id: string; name: string; type: string }>> {
	const { url, cookie } = stack();
	const response = await fetch(`${url}/rest/credentials`, { headers: { cookie } });
	expect(response.status).toBe(200);
	return ((await response.json()) as { data: Array<{ id: string; name: string; type: string }> })
		.data;
}

/** The production webhook of a workflow (its only trigger). */
export function webhookOf(workflowId: string): Webhook {
	const workflow = stack().workflows.find((candidate) => candidate.id === workflowId);
	if (!workflow) throw new Error(`workflow ${workflowId} was not imported`);
	if (!workflow.published) throw new Error(`workflow ${workflowId} is not published`);
	return workflow.webhooks[0];
}

export interface RecordedRequest {
	id: number;
	method: string;
	path: string;
	headers: Record<string, string>;
	rawBody: string;
	body: unknown;
	startedAt: number;
	finishedAt?: number;
	response: { status: number; code?: number; message?: string };
}

/** A sandbox's request log (default the stack's sandbox), only requests after `since` (an id). */
export async function sandboxRequests(
	since = 0,
	sandboxUrl = stack().sandbox.url,
): Promise<RecordedRequest[]> {
	const response = await fetch(`${sandboxUrl}/__sandbox/requests${since ? `?since=${since}` : ''}`);
	if (!response.ok) throw new Error(`GET /__sandbox/requests answered ${response.status}`);
	return (await response.json()) as RecordedRequest[];
}

/** The id of the last request the sandbox logged, to read what a call adds after it. */
export async function lastRequestId(sandboxUrl = stack().sandbox.url): Promise<number> {
	const all = await sandboxRequests(0, sandboxUrl);
	return all.length ? all[all.length - 1].id : 0;
}

/** Runs `call`, then returns what it answered and the sandbox requests it caused. */
export async function withRequests<T>(
	call: () => Promise<T>,
	sandboxUrl = stack().sandbox.url,
): Promise<{ answer: T; requests: RecordedRequest[] }> {
	const since = await lastRequestId(sandboxUrl);
	const answer = await call();
	return { answer, requests: await sandboxRequests(since, sandboxUrl) };
}

/** Every request is a signed JSON POST. */
export function expectSigned(requests: RecordedRequest[]): void {
	for (const request of requests) {
		expect(signatureProblems(request), `request ${request.id} ${request.path}`).toEqual([]);
		expect(request.method).toBe('POST');
		expect(request.headers['content-type']).toMatch(/^application\/json/);
	}
}

/** An open picker: the node's version and parameters, and the path of the parameter being filled. */
export interface Picker {
	version: number;
	parameters: Record<string, unknown>;
	path: string;
}

/** What the editor asks n8n when a picker opens From List (or its search term changes). */
export async function listSearch(picker: Picker, methodName: string, filter?: string) {
	const { url, cookie, credential } = stack();
	const response = await fetch(`${url}/rest/dynamic-node-parameters/resource-locator-results`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		body: JSON.stringify({
			path: picker.path,
			nodeTypeAndVersion: { name: 'n8n-nodes-mallcoo.mallcoo', version: picker.version },
			currentNodeParameters: picker.parameters,
			methodName,
			filter,
			credentials: { mallcooApi: { id: credential.id, name: credential.name } },
		}),
	});
	const json = (await response.json()) as {
		data?: { results: Array<{ name: string; value: string }>; paginationToken?: string };
		message?: string;
	};
	return { status: response.status, ...json };
}

export async function sandboxMember(mobile: string): Promise<Member> {
	const response = await fetch(`${stack().sandbox.url}/__sandbox/members?Mobile=${mobile}`);
	if (!response.ok) throw new Error(`GET /__sandbox/members answered ${response.status}`);
	return (await response.json()) as Member;
}

/**
 * Checks what makes a request signed: the four public headers are there, with the sandbox's
 * AppID and PublicKey, and Sign is the MD5 scheme over the exact body received (recomputed
 * here with the demo private key, independently of the sandbox's own verdict).
 */
export function signatureProblems(request: RecordedRequest): string[] {
	const { appId, publicKey, privateKey } = stack().sandbox.credentials;
	const problems: string[] = [];
	const { appid, publickey, timestamp, sign } = request.headers;
	if (appid !== appId) problems.push(`AppID header ${JSON.stringify(appid)}`);
	if (publickey !== publicKey) problems.push(`PublicKey header ${JSON.stringify(publickey)}`);
	if (!/^\d{14}$/.test(timestamp ?? ''))
		problems.push(`TimeStamp header ${JSON.stringify(timestamp)}`);
	if (!sign || sign !== mallcooSign(publicKey, timestamp ?? '', request.rawBody, privateKey)) {
		problems.push(
			`Sign header ${JSON.stringify(sign)} does not match the body ${JSON.stringify(request.rawBody)}`,
		);
	}
	return problems;
}

/**
 * Calls a webhook with a JSON body (or a query for GET); returns status, parsed JSON or text.
 * A webhook with Header Auth gets the stack's secret, unless `secret` says otherwise (null: no
 * secret header at all); `headers` adds more.
 */
export async function callWebhook(
	hook: Webhook,
	{
		body,
		query,
		secret,
		headers = {},
	}: {
		body?: unknown;
		query?: Record<string, string>;
		secret?: string | null;
		headers?: Record<string, string>;
	} = {},
): Promise<{
	status: number;
	json: Record<string, unknown> | undefined;
	text: string;
	contentType: string;
	headers: Headers;
}> {
	const url = query ? `${hook.url}?${new URLSearchParams(query)}` : hook.url;
	const { header, value } = stack().security.webhookSecret;
	const sent =
		hook.authentication === 'headerAuth' ? (secret === undefined ? value : secret) : null;
	const response = await fetch(url, {
		method: hook.method,
		headers: {
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
			...(sent === null ? {} : { [header]: sent }),
			...headers,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
		redirect: 'manual',
	});
	const text = await response.text();
	let json: Record<string, unknown> | undefined;
	try {
		json = JSON.parse(text) as Record<string, unknown>;
	} catch {
		json = undefined;
	}
	return {
		status: response.status,
		json,
		text,
		contentType: response.headers.get('content-type') ?? '',
		headers: response.headers,
	};
}

/** A sign-in the trigger started: its callback (carrying the state) and the browser's cookie. */
export interface StartedSignIn {
	/** `<trigger URL>?state=…`: where Mallcoo sends the browser back, adding Ticket and DataSource. */
	callbackUrl: string;
	/** The Cookie header that browser sends back: the state's cookie. */
	cookie: string;
	/** Mallcoo's sign-in page the start address sent the browser to. */
	signInPage: string;
}

/** A browser opens the trigger's start address: the state cookie, and on to Mallcoo's page. */
export async function startSignIn(trigger: Webhook, flow = 'h5BaseInfo'): Promise<StartedSignIn> {
	const start = await fetch(`${trigger.url}?signIn=${flow}`, { redirect: 'manual' });
	expect(start.status).toBe(302);
	const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0];
	expect(cookie).toMatch(/^mallcoo_sign_in=[\w-]{22}$/);
	const signInPage = start.headers.get('location') ?? '';
	const callbackUrl = new URL(signInPage).searchParams.get('CallbackUrl') ?? '';
	expect(callbackUrl.startsWith(`${trigger.url}?state=`)).toBe(true);
	return { callbackUrl, cookie, signInPage };
}

/**
 * A shopper starts at the trigger's start address and signs in on the sandbox's H5 page, which
 * sends the browser back to the callback with a Ticket. Returns that address and the cookie the
 * browser sends with it.
 */
export async function signInAddress(
	trigger: Webhook,
): Promise<{ location: string; cookie: string }> {
	const { signInPage, cookie, callbackUrl } = await startSignIn(trigger);
	const page = await fetch(signInPage, { redirect: 'manual' });
	expect(page.status).toBe(302);
	const location = page.headers.get('location') ?? '';
	expect(location.startsWith(`${callbackUrl}&Ticket=`)).toBe(true);
	return { location, cookie };
}

/**
 * The OAuth example's answer to the seeded member 13800000001: greeted by nickname with the
 * card's points, after exchanging the very Ticket of `location` and one look-up by OpenUserID.
 */
export function expectGreetedWithPoints(
	answer: { status: number; contentType?: string; text: string },
	requests: RecordedRequest[],
	location: string,
): void {
	expect(answer.status).toBe(200);
	expect(answer.contentType).toMatch(/^text\/html/);
	expect(answer.text).toContain('你好,逛街达人!');
	expect(answer.text).toMatch(/积分 \(Points\): <strong>12770<\/strong>/);
	expect(requests.map((r) => [r.path, r.response.code])).toEqual([
		['/User/OAuth/v1/GetToken/ByTicket/', 1],
		['/User/AdvancedInfo/v1/Get/ByOpenUserID/', 1],
	]);
	expect((requests[0].body as { Ticket: string }).Ticket).toBe(
		new URL(location).searchParams.get('Ticket'),
	);
	expectSigned(requests);
}
