import { request } from 'undici';

import { chinaTimeStamp } from '../../credentials/chinaTime';
import { mallcooSign } from '../../credentials/mallcooSignature';
import type { Sandbox } from '../../sandbox/server';

/** Signed calls over real HTTP to a sandbox, signed exactly as the credential signs. */

export interface CallOptions {
	privateKey?: string;
	/** Changes the body after it was signed. */
	tamper?: (body: string) => string;
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
	const timeStamp = chinaTimeStamp();
	const res = await request(`${sandbox.url}${path}`, {
		method: 'POST',
		headers: {
			AppID: appId,
			PublicKey: publicKey,
			TimeStamp: timeStamp,
			Sign: mallcooSign(publicKey, timeStamp, text, options.privateKey ?? privateKey),
			'Content-Type': 'application/json; charset=utf-8',
		},
		body: (options.tamper ?? ((t) => t))(text),
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
