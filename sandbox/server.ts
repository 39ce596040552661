/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * Mallcoo sandbox: a local HTTP server that behaves like the Mallcoo open platform: the user API
 * (https://docs.mallcoo.cn/open/api/User.html, 21 endpoints), the other pages the node builds on
 * (points, consumption, coupons, shops, parking, gifts, CRM notices: one file each in pages/), its
 * request signing (gateway.ts) and its OAuth pages.
 *
 * Answers are the platform envelope `{"Code","Message","Data"}` with HTTP 200, refusals included
 * (refusals.ts: every refusal by meaning, worded per dialect; sandbox/README.md has the table).
 * HTTP-level answers: 404 no such API path, 405 not POST, 429 the rate limit or an injected
 * http429, 500 a bug in the sandbox itself (injected faults are separate).
 *
 * Checks run in this order: path, method, the gateway (headers, identity, time, signature, body),
 * then the endpoint. Paths match case-insensitively with or without the trailing slash, as on IIS.
 * The rate limit, injected faults (faults.ts) and latency apply to API paths (and unknown paths),
 * not to the OAuth pages nor to the control API under /__sandbox/.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

import { handleControl } from './control';
import { RateMeter, type ApplyCountsView, type RequestRate } from './counters';
import {
	FaultInjector,
	faultStatus,
	isAfterApply,
	isHang,
	respondWithFault,
	type Fault,
	type FaultPlan,
	type RandomFaultOptions,
	type RandomFaultSettings,
} from './faults';
import { admit } from './gateway';
import { MallStore, type MallView, type Misreport } from './mall';
import { parseJson, readBody, send, sendJson } from './respond';
import { MemberStore, type MemberSelector, type MemberView } from './memberStore';
import type { DeferredOpenings } from './pages/endpoint';
import { findOAuthPage, movedPage, oauthPage } from './pages/oauth';
import {
	DEFAULT_DIALECT,
	DIALECTS,
	isDialect,
	Refusal,
	SANDBOX_CODES,
	word,
	type Dialect,
	type RefusalKind,
} from './refusals';
import { findEndpoint } from './routes';
import type { RecordedRequest, Sandbox, SandboxCredentials, SandboxOptions } from './types';

export {
	WRITES,
	type ApplyCount,
	type ApplyCountsView,
	type RequestRate,
	type SecondCount,
	type WriteName,
} from './counters';
export {
	AFTER_APPLY_FAULTS,
	BEFORE_APPLY_FAULTS,
	DEFAULT_RANDOM_FAULT_KINDS,
	FAULTS,
	type AfterApplyFault,
	type BeforeApplyFault,
	type Fault,
	type FaultPlan,
	type FaultRequest,
	type FaultRule,
	type RandomFaultOptions,
	type RandomFaultSettings,
} from './faults';
export {
	BLOCKS,
	CAR_PARKS,
	COMMERCIAL_TYPES,
	FLOORS,
	GIFT_CATEGORIES,
	GIFT_COUNT,
	PUT_IN_COUNT,
	SHOP_COUNT,
	devShopIdOf,
	type ConsumptionRecord,
	type CouponPutIn,
	type Gift,
	type MallView,
	type Misreport,
	type Shop,
} from './mall';
export { CARD_TYPES, type Member } from './members';
export { SEED_MEMBERS, generatedMember } from './memberSeed';
export type { MemberSelector, MemberView } from './memberStore';
export { FAIL_REASONS, type CouponView, type IssuedCoupon } from './couponDesk';
export { CLIENT_CODE_COUPON_ENDPOINTS, COUPON_ENDPOINTS, MAX_SEND_ENTRIES } from './pages/coupon';
export { OAUTH_PAGES } from './pages/oauth';
export { USER_ENDPOINTS } from './pages/user';
export {
	DEFAULT_DIALECT,
	DIALECTS,
	DUPLICATE_TRANS_ID,
	NO_DATA,
	REFUSALS,
	SANDBOX_CODES,
	type Dialect,
	type RefusalKind,
	type Wording,
} from './refusals';
export { ALL_ENDPOINTS } from './routes';
export type { RecordedRequest, Sandbox, SandboxCredentials, SandboxOptions } from './types';

/** The app the sandbox accepts unless told otherwise (made up; never valid on the real platform). */
export const DEMO_CREDENTIALS: Readonly<SandboxCredentials> = Object.freeze({
	appId: 'mallcoo-sandbox-app',
	publicKey: 'sandbox-public-key',
	privateKey: 'sandbox-private-key',
});

interface ApiAnswer {
	status: number;
	envelope: { Code: number; Message: string; Data?: unknown };
	headers?: Record<string, string>;
}

export class MallcooSandbox implements Sandbox {
	readonly requests: RecordedRequest[] = [];
	readonly credentials: Readonly<SandboxCredentials>;
	readonly store: MemberStore;
	readonly mallStore = new MallStore();
	readonly faults = new FaultInjector();
	private readonly meter = new RateMeter();
	private latency = 0;
	private answering: Dialect = DEFAULT_DIALECT;
	private clockOffset = 0;
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
		this.setDialect(this.startDialect);
		this.setLatency(options.latencyMs ?? 0);
		if (options.randomFaults) this.setRandomFaults(options.randomFaults);
		if (options.rateLimitPerSecond) this.setRateLimit(options.rateLimitPerSecond);
	}

	get members(): MemberView {
		return this.store;
	}

	get mall(): MallView {
		return this.mallStore;
	}

	get applied(): ApplyCountsView {
		return this.store.applied;
	}

	/** How refusals are worded now (refusals.ts). */
	get dialect(): Dialect {
		return this.answering;
	}

	/** The dialect given at start; reset() returns to it. */
	private get startDialect(): Dialect {
		return this.options.dialect ?? DEFAULT_DIALECT;
	}

	setDialect(dialect: Dialect): void {
		if (!isDialect(dialect))
			throw new RangeError(`unknown dialect ${dialect}; expected ${DIALECTS.join(', ')}`);
		this.answering = dialect;
	}

	get latencyMs(): number {
		return this.latency;
	}

	get clockOffsetMs(): number {
		return this.clockOffset;
	}

	setClockOffset(ms: number): void {
		if (!Number.isFinite(ms)) throw new RangeError(`clock offset ${ms} is not a number of ms`);
		this.clockOffset = ms;
	}

	get pendingFaults(): number {
		return this.faults.pending;
	}

	get faultCounts(): Readonly<Record<Fault, number>> {
		return { ...this.faults.counts };
	}

	get randomFaults(): RandomFaultSettings | undefined {
		return this.faults.randomSettings;
	}

	get rateLimit(): number | null {
		return this.meter.perSecondLimit;
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
		this.meter.clear();
	}

	/** Card openings with sign-up fields show up this long after they are accepted; 0: at once. */
	cardOpeningDelayMs = 0;

	private readonly pendingOpenings = new Map<string, ReturnType<typeof setTimeout>>();

	private readonly deferredOpenings: DeferredOpenings = {
		isPending: (mobile) => this.pendingOpenings.has(mobile),
		defer: (mobile, open) => {
			const timer = setTimeout(() => {
				this.pendingOpenings.delete(mobile);
				open();
			}, this.cardOpeningDelayMs);
			this.pendingOpenings.set(mobile, timer);
		},
	};

	/** Open cards with sign-up fields asynchronously, `ms` after accepting them, as the platform does. */
	setCardOpeningDelay(ms: number): void {
		this.cardOpeningDelayMs = ms;
	}

	reset(): void {
		for (const timer of this.pendingOpenings.values()) clearTimeout(timer);
		this.pendingOpenings.clear();
		this.cardOpeningDelayMs = 0;
		this.store.reset();
		this.mallStore.reset();
		this.clearRequests();
		this.faults.clear();
		this.meter.setLimit(null);
		this.latency = 0;
		this.clockOffset = 0;
		this.answering = this.startDialect;
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

	setRandomFaults(options: RandomFaultOptions | null): RandomFaultSettings | undefined {
		return this.faults.setRandom(options);
	}

	setRateLimit(perSecond: number | null): void {
		this.meter.setLimit(perSecond);
	}

	requestRate(): RequestRate {
		return this.meter.rate();
	}

	setMisreport(misreport: Misreport | null): void {
		const next = { ...(misreport ?? {}) };
		const { consumeRecordsCount: count, consumeRecordsStuckPagingId, repeatLastPage } = next;
		const known = ['consumeRecordsCount', 'consumeRecordsStuckPagingId', 'repeatLastPage'];
		const unknown = Object.keys(next).filter((key) => !known.includes(key));
		if (unknown.length > 0) throw new TypeError(`unknown misreport ${unknown.join(', ')}`);
		if (count !== undefined && (!Number.isSafeInteger(count) || count < 0))
			throw new RangeError('consumeRecordsCount must be a whole number >= 0');
		for (const flag of [consumeRecordsStuckPagingId, repeatLastPage])
			if (flag !== undefined && typeof flag !== 'boolean')
				throw new TypeError('misreport flags must be booleans');
		this.mallStore.misreport = next;
	}

	matchConsumption(transId: string, member: MemberSelector): void {
		const record = this.mallStore.recordsByTransId.get(transId);
		if (!record) throw new Error(`no reported consumption has TransID ${transId}`);
		const m = this.store.resolve(member);
		if (!m) throw new Error(`no sandbox member matches ${JSON.stringify(member)}`);
		record.Mobile = m.Mobile;
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
			for (const timer of this.pendingOpenings.values()) clearTimeout(timer);
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

		const moved = movedPage(record.path);
		if (moved) {
			record.response = { status: moved.status };
			return send(res, moved.status, moved.headers, moved.body);
		}

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
		if (!this.meter.arrive(startedAt)) {
			const { status, envelope } = this.refuse(new Refusal('rateLimited'));
			record.response = { status, ...codeOf(envelope), rateLimited: true };
			await this.wait(latency);
			return sendJson(res, status, envelope, { 'Retry-After': '1' });
		}

		const fault = this.faults.next({
			method: record.method,
			path: record.path,
			headers: record.headers,
			body: record.body,
		});
		if (fault) {
			record.response = { status: faultStatus(fault), fault };
			// After apply: the endpoint runs (its change is kept), then its answer is lost.
			if (isAfterApply(fault)) record.response.appliedCode = this.answer(record).envelope.Code;
			if (isHang(fault)) {
				this.hanging.set(res, record);
				res.once('close', () => this.hanging.delete(res));
				return;
			}
			await this.wait(latency);
			if (!res.destroyed) respondWithFault(res, fault);
			// Set now, not on 'close': the client may see the socket end before that event runs.
			if (faultStatus(fault) === 0) record.finishedAt ??= Date.now();
			return;
		}

		const answer = this.answer(record);
		record.response = { status: answer.status, ...codeOf(answer.envelope) };
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
		const now = Date.now() + this.clockOffset;
		const body = admit(record, {
			credentials: this.credentials,
			toleranceMs: this.tolerance,
			now,
		});
		if (body instanceof Refusal) return this.refuse(body, endpoint.parameterRefusal);
		try {
			const data = endpoint.handle(body, {
				store: this.store,
				mall: this.mallStore,
				now,
				deferredOpenings: this.cardOpeningDelayMs > 0 ? this.deferredOpenings : undefined,
			});
			const envelope: ApiAnswer['envelope'] = { Code: SANDBOX_CODES.SUCCESS, Message: '成功' };
			if (data !== undefined) envelope.Data = data;
			return { status: 200, envelope };
		} catch (error) {
			if (error instanceof Refusal) return this.refuse(error, endpoint.parameterRefusal);
			// A sandbox bug: answer (and log) it as a 500 rather than leave the client waiting.
			return fail(
				SANDBOX_CODES.SANDBOX_ERROR,
				`沙箱内部错误 (sandbox bug): ${error instanceof Error ? error.message : String(error)}`,
				500,
			);
		}
	}

	/** The refusal in the dialect in force; a page with its own parameter refusal wraps the usual one. */
	private refuse(refusal: Refusal, parameterRefusal?: RefusalKind): ApiAnswer {
		const wrapped =
			parameterRefusal && refusal.kind === 'parameter'
				? new Refusal(parameterRefusal, refusal)
				: refusal;
		const { status, code, message } = word(wrapped, this.answering);
		return fail(code, message, status);
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

const codeOf = (envelope: { Code: number; Message: string }) => ({
	code: envelope.Code,
	message: envelope.Message,
});

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
