import { request } from 'undici';
import { expect } from 'vitest';

import { chinaTimeStamp } from '../../credentials/chinaTime';
import { mallcooSign } from '../../credentials/mallcooSignature';
import type { Sandbox } from '../../sandbox/server';
import type { SandboxFixture } from './sandbox';

/** Signed calls over real HTTP to a sandbox, signed exactly as the credential signs. */

export interface CallOptions {
	privateKey?: string;
	/** Default: now, China time. */
	timeStamp?: string;
	/** Replaces or (with undefined) removes headers after signing. */
	headers?: Record<string, string | undefined>;
	/** Changes the body after it was signed. */
	tamper?: (body: string) => string;
	method?: 'POST' | 'GET';
	headersTimeout?: number;
}

export interface Envelope<Data = unknown> {
	Code: number;
	Message: string;
	Data?: Data;
}

export interface CallResult<Data = unknown> {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	raw: string;
	/** undefined when the body is not JSON. */
	json: Envelope<Data>;
}

export async function call<Data = unknown>(
	sandbox: Sandbox,
	path: string,
	body: unknown,
	options: CallOptions = {},
): Promise<CallResult<Data>> {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const { appId, publicKey, privateKey } = sandbox.credentials;
	const timeStamp = options.timeStamp ?? chinaTimeStamp();
	const headers: Record<string, string> = {
		AppID: appId,
		PublicKey: publicKey,
		TimeStamp: timeStamp,
		Sign: mallcooSign(publicKey, timeStamp, text, options.privateKey ?? privateKey),
		'Content-Type': 'application/json; charset=utf-8',
	};
	for (const [name, value] of Object.entries(options.headers ?? {})) {
		if (value === undefined) delete headers[name];
		else headers[name] = value;
	}
	const res = await request(`${sandbox.url}${path}`, {
		method: options.method ?? 'POST',
		headers,
		body: options.method === 'GET' ? undefined : (options.tamper ?? ((t) => t))(text),
		headersTimeout: options.headersTimeout,
	});
	const raw = await res.body.text();
	let json: Envelope<Data> | undefined;
	try {
		json = JSON.parse(raw);
	} catch {
		json = undefined;
	}
	return { status: res.statusCode, headers: res.headers, raw, json: json as Envelope<Data> };
}

/** The control API under /__sandbox/ (plain JSON, no signature). */
export async function control<Json = Record<string, unknown>>(
	sandbox: Sandbox,
	method: 'GET' | 'POST' | 'DELETE',
	path: string,
	body?: unknown,
): Promise<{ status: number; json: Json }> {
	const res = await request(`${sandbox.url}/__sandbox/${path}`, {
		method,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.statusCode, json: (await res.body.json()) as Json };
}

/** The calls above bound to a `useSandbox()` fixture, plus `ok` and `code` shorthands. */
export function sandboxCalls(fixture: SandboxFixture) {
	const bound = <Data = Record<string, unknown>>(
		path: string,
		body: unknown,
		options?: CallOptions,
	) => call<Data>(fixture.sandbox, path, body, options);
	return {
		call: bound,
		/** Success, or fail the test with the platform's message, which says what went wrong. */
		async ok<Data = Record<string, unknown>>(path: string, body: unknown): Promise<Data> {
			const { status, json } = await bound<Data>(path, body);
			expect(status).toBe(200);
			expect(json, json?.Message).toMatchObject({ Code: 1, Message: '成功' });
			return json.Data as Data;
		},
		code: async (path: string, body: unknown, options?: CallOptions) =>
			(await bound(path, body, options)).json.Code,
		control: <Json = Record<string, unknown>>(
			method: 'GET' | 'POST' | 'DELETE',
			path: string,
			body?: unknown,
		) => control<Json>(fixture.sandbox, method, path, body),
	};
}
