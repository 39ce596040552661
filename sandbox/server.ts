/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * Mallcoo sandbox: a local HTTP server that behaves like the Mallcoo open platform's user API
 * (user-api.txt, 21 endpoints), its request signing (access-guide.txt) and its OAuth pages.
 *
 * Answers are the platform envelope `{"Code","Message","Data"}` with HTTP 200, business errors
 * included. The platform does not publish its error codes; the sandbox uses these:
 *
 * | Code | HTTP | when |
 * | ---- | ---- | ---- |
 * | 1    | 200  | 成功 (success) |
 * | 1001 | 200  | a public header (AppID, PublicKey, TimeStamp, Sign) is missing or empty; the message names it |
 * | 1002 | 200  | AppID unknown |
 * | 1003 | 200  | PublicKey does not belong to the AppID |
 * | 1004 | 200  | TimeStamp not `yyyyMMddHHmmss`, or more than ±5 min (clockSkewToleranceMs) from China time |
 * | 1005 | 200  | 签名错误: Sign ≠ mallcooSign(PublicKey, TimeStamp, raw body as received, PrivateKey); case matters |
 * | 2001 | 200  | 参数错误: body not a JSON object, a parameter missing or of the wrong type (named in the message) |
 * | 3001 | 200  | user / member not found (AdvancedInfo reads also need a card) |
 * | 3002 | 200  | Ticket invalid, expired (5 min) or already used |
 * | 3003 | 200  | UserToken invalid |
 * | 3004 | 200  | mobile already registered (opening a card, changing to a mobile in use) |
 * | 3005 | 200  | ThirdPartyCardID not found |
 * | 404  | 404  | no such API path |
 * | 405  | 405  | an API path called with another method than POST |
 * | 500  | 500  | a bug in the sandbox itself (never sent on purpose: injected faults are separate) |
 *
 * Checks run in the order of the table (path, method, headers, identity, time, signature, body).
 * Paths match case-insensitively with or without the trailing slash, as on IIS.
 * Injected faults (faults.ts) and latency apply to API paths (and unknown paths), not to the OAuth
 * pages nor to the control API under /__sandbox/.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

import { mallcooSign, parseChinaTimeStamp } from '../credentials/mallcooSignature';
import { ApiError, SANDBOX_CODES } from './codes';
import { handleControl } from './control';
import { findEndpoint } from './endpoints';
import { FaultInjector, respondWithFault, type Fault, type FaultPlan } from './faults';
import { findOAuthPage, oauthPage } from './oauth';
import { parseJson, readBody, send, sendJson } from './respond';
import { MemberStore, type MemberSelector, type MemberView } from './store';

export { SANDBOX_CODES } from './codes';
export { ENDPOINTS } from './endpoints';
export { FAULTS, type Fault, type FaultPlan, type FaultRequest, type FaultRule } from './faults';
export { OAUTH_PAGES } from './oauth';
export {
	CARD_TYPES,
	SEED_MEMBERS,
	generatedMember,
	type Member,
	type MemberSelector,
	type MemberView,
} from './store';

export interface SandboxCredentials {
	appId: string;
	publicKey: string;
	privateKey: string;
}

/** The app the sandbox accepts unless told otherwise (made up; never valid on the real platform). */
export const DEMO_CREDENTIALS: Readonly<SandboxCredentials> = Object.freeze({
	appId: 'mallcoo-sandbox-app',
	publicKey: 'sandbox-public-key',
	privateKey: 'sandbox-private-key',
});

export interface SandboxOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** The one app accepted; default DEMO_CREDENTIALS. */
	credentials?: SandboxCredentials;
	/** Delay before every API answer, in ms; default 0. */
	latencyMs?: number;
	/** Extra synthetic members (mobiles 13900000001, 13900000002, ...), max 99999; default 0. */
	generatedMembers?: number;
	/** Accepted TimeStamp drift either way, in ms; default 5 minutes. */
	clockSkewToleranceMs?: number;
	/** Ticket lifetime, in ms; default 5 minutes (the platform's). Shorten it to test expiry. */
	ticketTtlMs?: number;
	/** The log keeps at most this many requests, dropping the oldest tenth when full; default 100000. */
	maxRecordedRequests?: number;
}

/** One request as the sandbox saw it. Times are Date.now() epoch milliseconds. */
export interface RecordedRequest {
	/** 1, 2, 3 ... in arrival order; not reset by clearRequests. */
	id: number;
	method: string;
	path: string;
	query: Record<string, string>;
	/** Names lower-cased (as Node delivers them); repeated headers joined with ", ". */
	headers: Record<string, string>;
	/** The body exactly as received, decoded as UTF-8. */
	rawBody: string;
	/** rawBody parsed as JSON, or undefined when it is not JSON. */
	body: unknown;
	/** When the request headers arrived. */
	startedAt: number;
	/** When the answer was sent, or the socket closed for 'drop'/'hang'; undefined while pending. */
	finishedAt?: number;
	response: {
		/** HTTP status; 0 when no response is ever sent ('drop', 'hang'). */
		status: number;
		/** Envelope Code, for answers that carry one. */
		code?: number;
		message?: string;
		fault?: Fault;
		/** The client closed the connection before the answer could be sent. */
		clientAborted?: boolean;
	};
}

export interface Sandbox {
	/** e.g. http://127.0.0.1:3010: the API base URL and also the authorization pages' base URL. */
	readonly url: string;
	readonly port: number;
	readonly credentials: Readonly<SandboxCredentials>;
	/** The live request log (emptied in place by clearRequests/reset). */
	readonly requests: RecordedRequest[];
	/** Read-only copies of the store's members. */
	readonly members: MemberView;
	readonly latencyMs: number;
	clearRequests(): void;
	/** Re-seeds the store, empties the log, removes faults and latency, ends hanging requests. */
	reset(): void;
	setLatency(ms: number): void;
	/** Replaces the fault plan; no argument or [] switches faults off. */
	injectFaults(plan?: FaultPlan | null): void;
	/** A fresh Ticket (as the OAuth page would issue) for the member; throws if there is none. */
	issueTicket(selector: MemberSelector): string;
	close(): Promise<void>;
}

interface ApiAnswer {
	status: number;
	envelope: { Code: number; Message: string; Data?: unknown };
	headers?: Record<string, string>;
}

const HEADERS: Array<[string, string]> = [
	['appid', 'AppID'],
	['publickey', 'PublicKey'],
	['timestamp', 'TimeStamp'],
	['sign', 'Sign'],
];

export class MallcooSandbox implements Sandbox {
	readonly requests: RecordedRequest[] = [];
	readonly credentials: Readonly<SandboxCredentials>;
	readonly store: MemberStore;
	readonly faults = new FaultInjector();
	private latency = 0;
	private sequence = 0;
	private readonly hanging = new Map<ServerResponse, RecordedRequest>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly tolerance: number;
	private readonly maxRecorded: number;
	private server: Server | undefined;
	private closing: Promise<void> | undefined;
	url = '';
	port = 0;

	constructor(private readonly options: SandboxOptions = {}) {
		this.credentials = Object.freeze({ ...(options.credentials ?? DEMO_CREDENTIALS) });
		this.store = new MemberStore(options.generatedMembers ?? 0, options.ticketTtlMs);
		this.tolerance = options.clockSkewToleranceMs ?? 5 * 60_000;
		this.maxRecorded = Math.max(10, options.maxRecordedRequests ?? 100_000);
		this.setLatency(options.latencyMs ?? 0);
	}

	get members(): MemberView {
		return this.store;
	}

	get latencyMs(): number {
		return this.latency;
	}

	async listen(): Promise<this> {
		const server = createServer((req, res) => {
			this.handle(req, res).catch((error) => this.crash(res, error));
		});
		this.server = server;
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		const address = server.address() as AddressInfo;
		this.port = address.port;
		const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
		this.url = `http://${host}:${this.port}`;
		return this;
	}

	clearRequests(): void {
		this.requests.length = 0;
	}

	reset(): void {
		this.store.reset();
		this.clearRequests();
		this.faults.clear();
		this.latency = 0;
		this.endHanging();
	}

	setLatency(ms: number): void {
		if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
			throw new RangeError(`latency must be a number of ms >= 0, got ${ms}`);
		this.latency = ms;
	}

	injectFaults(plan?: FaultPlan | null): void {
		this.faults.set(plan);
	}

	issueTicket(selector: MemberSelector): string {
		const member = this.store.resolve(selector);
		if (!member) throw new Error(`no sandbox member matches ${JSON.stringify(selector)}`);
		return this.store.issueTicket(member);
	}

	close(): Promise<void> {
		this.closing ??= new Promise<void>((resolve) => {
			for (const timer of this.timers) clearTimeout(timer);
			this.timers.clear();
			this.endHanging();
			if (!this.server) return resolve();
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
		return this.closing;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const startedAt = Date.now();
		const url = new URL(req.url ?? '/', 'http://sandbox.local');
		if (url.pathname.toLowerCase().startsWith('/__sandbox/'))
			return handleControl(this, req, res, url);

		const rawBody = await readBody(req);
		const record: RecordedRequest = {
			id: ++this.sequence,
			method: req.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: flattenHeaders(req),
			rawBody,
			body: parseJson(rawBody),
			startedAt,
			response: { status: 0 },
		};
		this.record(record, res);

		const page = record.method === 'GET' ? findOAuthPage(record.path) : undefined;
		if (page) {
			const result = oauthPage(page, url.searchParams, {
				store: this.store,
				credentials: this.credentials,
				now: Date.now(),
			});
			record.response = { status: result.status };
			return send(res, result.status, result.headers, result.body);
		}

		const latency = this.latency;
		const fault = this.faults.next({
			method: record.method,
			path: record.path,
			headers: record.headers,
			body: record.body,
		});
		if (fault) {
			record.response = {
				status:
					fault === 'http500' ? 500 : fault === 'http429' ? 429 : fault === 'notJson' ? 200 : 0,
				fault,
			};
			if (fault === 'hang') {
				this.hanging.set(res, record);
				res.once('close', () => this.hanging.delete(res));
				return;
			}
			await this.wait(latency);
			if (!res.destroyed) respondWithFault(res, fault);
			// Set now, not on 'close': the client may see the socket end before that event runs.
			if (fault === 'drop') record.finishedAt ??= Date.now();
			return;
		}

		const answer = this.answer(record);
		record.response = {
			status: answer.status,
			code: answer.envelope.Code,
			message: answer.envelope.Message,
		};
		await this.wait(latency);
		sendJson(res, answer.status, answer.envelope, answer.headers);
	}

	/** The platform's checks, then the endpoint. Runs before the latency wait, so writes land at once. */
	private answer(record: RecordedRequest): ApiAnswer {
		const endpoint = findEndpoint(record.path);
		if (!endpoint)
			return fail(SANDBOX_CODES.NO_SUCH_API, `接口不存在 (no such API): ${record.path}`, 404);
		if (record.method !== 'POST') {
			return {
				...fail(SANDBOX_CODES.METHOD_NOT_ALLOWED, `请使用 POST 请求 (use POST)`, 405),
				headers: { Allow: 'POST' },
			};
		}
		const headers = record.headers;
		for (const [key, name] of HEADERS) {
			if (!headers[key])
				return fail(SANDBOX_CODES.MISSING_HEADER, `缺少公共参数 ${name} (missing header ${name})`);
		}
		if (headers.appid !== this.credentials.appId)
			return fail(SANDBOX_CODES.UNKNOWN_APP_ID, 'AppID 不存在 (unknown AppID)');
		if (headers.publickey !== this.credentials.publicKey) {
			return fail(
				SANDBOX_CODES.WRONG_PUBLIC_KEY,
				'PublicKey 错误 (PublicKey does not belong to this AppID)',
			);
		}
		const now = Date.now();
		const stamp = parseChinaTimeStamp(headers.timestamp);
		if (!stamp)
			return fail(
				SANDBOX_CODES.BAD_TIMESTAMP,
				'TimeStamp 格式错误,应为 yyyyMMddHHmmss (TimeStamp must be yyyyMMddHHmmss, China time)',
			);
		if (Math.abs(now - stamp.getTime()) > this.tolerance) {
			return fail(
				SANDBOX_CODES.BAD_TIMESTAMP,
				`TimeStamp 已过期 (TimeStamp more than ${Math.round(this.tolerance / 1000)} s from China time)`,
			);
		}
		const expected = mallcooSign(
			this.credentials.publicKey,
			headers.timestamp,
			record.rawBody,
			this.credentials.privateKey,
		);
		if (headers.sign !== expected) return fail(SANDBOX_CODES.BAD_SIGN, '签名错误 (Sign mismatch)');

		const body = record.body;
		if (!body || typeof body !== 'object' || Array.isArray(body)) {
			return fail(
				SANDBOX_CODES.BAD_PARAMETER,
				'参数错误:请求体不是JSON对象 (body is not a JSON object)',
			);
		}
		try {
			const data = endpoint.handle(body as Record<string, unknown>, { store: this.store, now });
			const envelope: ApiAnswer['envelope'] = { Code: SANDBOX_CODES.SUCCESS, Message: '成功' };
			if (data !== undefined) envelope.Data = data;
			return { status: 200, envelope };
		} catch (error) {
			if (error instanceof ApiError) return fail(error.code, error.message);
			// A sandbox bug: answer (and log) it as a 500 rather than leave the client waiting.
			return fail(
				SANDBOX_CODES.SANDBOX_ERROR,
				`沙箱内部错误 (sandbox bug): ${error instanceof Error ? error.message : String(error)}`,
				500,
			);
		}
	}

	private record(record: RecordedRequest, res: ServerResponse): void {
		if (this.requests.length >= this.maxRecorded)
			this.requests.splice(0, Math.ceil(this.maxRecorded / 10));
		this.requests.push(record);
		res.once('finish', () => (record.finishedAt = Date.now()));
		res.once('close', () => {
			if (record.finishedAt !== undefined) return;
			record.finishedAt = Date.now();
			if (!record.response.fault) record.response.clientAborted = true;
		});
	}

	/** Latency through timers, never blocking the event loop; cleared by close(). */
	private wait(ms: number): Promise<void> {
		if (ms <= 0) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}

	private endHanging(): void {
		for (const [res, record] of this.hanging) {
			record.finishedAt ??= Date.now();
			res.socket?.destroy();
		}
		this.hanging.clear();
	}

	private crash(res: ServerResponse, error: unknown): void {
		const message = `沙箱内部错误 (sandbox bug): ${error instanceof Error ? error.message : String(error)}`;
		if (!res.headersSent && !res.destroyed)
			sendJson(res, 500, { Code: SANDBOX_CODES.SANDBOX_ERROR, Message: message });
		else res.destroy();
	}
}

function fail(code: number, message: string, status = 200): ApiAnswer {
	return { status, envelope: { Code: code, Message: message } };
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}

/** Starts a sandbox; `close()` it when done. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	return new MallcooSandbox(options).listen();
}
