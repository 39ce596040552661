/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
import type { ServerResponse } from 'http';

/**
 * Transport faults a client must survive.
 *
 * Before apply: the fault replaces the platform's answer entirely; the request never reaches the
 * endpoint, so it changes nothing in the store.
 *
 * - `http500`: HTTP 500 with an IIS-style HTML page
 * - `http429`: HTTP 429, `Retry-After: 1`, JSON envelope Code 429
 * - `hang`:    no answer at all until the sandbox is reset or closed (then the socket is destroyed)
 * - `notJson`: HTTP 200 and a JSON content type, but an HTML body (a proxy error page)
 * - `drop`:    the socket is destroyed without any response
 *
 * After apply: the endpoint runs first, so its change is kept (a write is applied), and then the
 * answer is lost. The client cannot tell these from the before-apply ones: that is the point.
 *
 * - `http500AfterApply`: the change is kept, then HTTP 500 with the HTML page
 * - `dropAfterApply`:    the change is kept, then the socket is destroyed
 * - `hangAfterApply`:    the change is kept, then no answer (the client's time-out ends it)
 */
export type BeforeApplyFault = 'http500' | 'http429' | 'hang' | 'notJson' | 'drop';
export type AfterApplyFault = 'http500AfterApply' | 'dropAfterApply' | 'hangAfterApply';
export type Fault = BeforeApplyFault | AfterApplyFault;

export const BEFORE_APPLY_FAULTS: readonly BeforeApplyFault[] = [
	'http500',
	'http429',
	'hang',
	'notJson',
	'drop',
];
export const AFTER_APPLY_FAULTS: readonly AfterApplyFault[] = [
	'http500AfterApply',
	'dropAfterApply',
	'hangAfterApply',
];
export const FAULTS: readonly Fault[] = [...BEFORE_APPLY_FAULTS, ...AFTER_APPLY_FAULTS];

/** The default mix of random faults: before and after apply, none that hangs. */
export const DEFAULT_RANDOM_FAULT_KINDS: readonly Fault[] = [
	'http500',
	'drop',
	'http500AfterApply',
	'dropAfterApply',
];

export interface FaultRequest {
	method: string;
	path: string;
	headers: Record<string, string>;
	/** Parsed JSON body, or undefined when the body is not JSON. */
	body: unknown;
}

/** Decides per request; undefined lets the random faults decide, null lets the request through. */
export type FaultRule = (req: FaultRequest) => Fault | undefined | null;

/** A list applies to the next N requests in order (null/undefined = let that one through); a rule applies until replaced. */
export type FaultPlan = ReadonlyArray<Fault | null | undefined> | FaultRule;

export interface RandomFaultOptions {
	/** Share of API requests that get a fault, 0..1 (0 switches random faults off). */
	rate: number;
	/** The kinds drawn from, each equally likely; default DEFAULT_RANDOM_FAULT_KINDS. */
	kinds?: readonly Fault[];
	/** Seed of the generator (an unsigned 32-bit integer); the same seed gives the same sequence. */
	seed?: number;
}

/** Current random-fault settings, as reported by the sandbox and the control API. */
export interface RandomFaultSettings {
	rate: number;
	kinds: Fault[];
	seed: number;
}

export function isFault(value: unknown): value is Fault {
	return typeof value === 'string' && (FAULTS as readonly string[]).includes(value);
}

export function isAfterApply(fault: Fault): fault is AfterApplyFault {
	return (AFTER_APPLY_FAULTS as readonly string[]).includes(fault);
}

/** mulberry32: small, fast, and the same numbers on every platform for one seed. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function checkRandomFaults(options: RandomFaultOptions): RandomFaultSettings {
	const { rate } = options;
	if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))
		throw new RangeError(`fault rate must be a number from 0 to 1, got ${rate}`);
	const kinds = [...(options.kinds ?? DEFAULT_RANDOM_FAULT_KINDS)];
	if (kinds.length === 0) throw new RangeError('random faults need at least one kind');
	const bad = kinds.find((kind) => !isFault(kind));
	if (bad !== undefined)
		throw new TypeError(
			`unknown fault ${JSON.stringify(bad)}; expected one of ${FAULTS.join(', ')}`,
		);
	const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
	if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32)
		throw new RangeError(`fault seed must be an integer from 0 to 2^32-1, got ${seed}`);
	return { rate, kinds, seed };
}

export class FaultInjector {
	private queue: Array<Fault | null | undefined> = [];
	private rule: FaultRule | undefined;
	private random: { settings: RandomFaultSettings; next: () => number } | undefined;
	/** Faults given since the last reset, by kind (planned and random alike). */
	readonly counts: Record<Fault, number> = emptyCounts();

	/** Replaces the current plan; no plan (or an empty list) turns planned faults off. Random faults stay. */
	set(plan?: FaultPlan | null): void {
		this.queue = [];
		this.rule = undefined;
		if (typeof plan === 'function') this.rule = plan;
		else if (plan) {
			const bad = plan.find((fault) => fault !== null && fault !== undefined && !isFault(fault));
			if (bad !== undefined)
				throw new TypeError(
					`unknown fault ${JSON.stringify(bad)}; expected one of ${FAULTS.join(', ')}`,
				);
			this.queue = [...plan];
		}
	}

	/** Random faults beside the plan; null or a rate of 0 turns them off. */
	setRandom(options: RandomFaultOptions | null | undefined): RandomFaultSettings | undefined {
		if (!options || options.rate === 0) {
			this.random = undefined;
			return undefined;
		}
		const settings = checkRandomFaults(options);
		this.random = { settings, next: seededRandom(settings.seed) };
		return settings;
	}

	get randomSettings(): RandomFaultSettings | undefined {
		return this.random && { ...this.random.settings, kinds: [...this.random.settings.kinds] };
	}

	/** Plan, random faults and counts all off. */
	clear(): void {
		this.set();
		this.random = undefined;
		for (const kind of FAULTS) this.counts[kind] = 0;
	}

	/** Faults still queued for coming requests. */
	get pending(): number {
		return this.queue.length;
	}

	/**
	 * The plan decides first: a queued entry (a fault or null) is final; a rule's fault or null is
	 * final. Only when the plan has nothing to say (queue empty, no rule, or the rule returned
	 * undefined) do random faults draw.
	 */
	next(req: FaultRequest): Fault | undefined {
		let fault: Fault | null | undefined;
		if (this.queue.length > 0) fault = this.queue.shift() ?? null;
		else if (this.rule) fault = this.rule(req);
		if (fault === undefined && this.random) {
			const { settings, next } = this.random;
			if (next() < settings.rate)
				fault = settings.kinds[Math.floor(next() * settings.kinds.length)];
		}
		if (fault === null || fault === undefined) return undefined;
		if (!isFault(fault)) throw new TypeError(`fault rule returned ${JSON.stringify(fault)}`);
		this.counts[fault] += 1;
		return fault;
	}
}

function emptyCounts(): Record<Fault, number> {
	return Object.fromEntries(FAULTS.map((kind) => [kind, 0])) as Record<Fault, number>;
}

/** HTTP status a fault leaves in the request log (0: no response is ever sent). */
export function faultStatus(fault: Fault): number {
	switch (fault) {
		case 'http500':
		case 'http500AfterApply':
			return 500;
		case 'http429':
			return 429;
		case 'notJson':
			return 200;
		default:
			return 0;
	}
}

/** Whether the fault keeps the socket open without answering (handled by the caller). */
export const isHang = (fault: Fault): boolean => fault === 'hang' || fault === 'hangAfterApply';

/** The JSON envelope of a 429, for the http429 fault and the rate limit alike. */
export const TOO_MANY_REQUESTS = {
	Code: 429,
	Message: '请求过于频繁,请稍后再试 (too many requests)',
};

/** Writes (or withholds) the faulty answer. Hangs are handled by the caller, which keeps the socket. */
export function respondWithFault(res: ServerResponse, fault: Fault): void {
	switch (fault) {
		case 'http500':
		case 'http500AfterApply':
			res.writeHead(500, { 'Content-Type': 'text/html; charset=utf-8' });
			res.end(
				'<!DOCTYPE html><html><head><title>500 - 内部服务器错误。</title></head><body><h2>500 - Internal server error.</h2></body></html>',
			);
			return;
		case 'http429':
			res.writeHead(429, { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '1' });
			res.end(JSON.stringify(TOO_MANY_REQUESTS));
			return;
		case 'notJson':
			res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
			res.end(
				'<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>',
			);
			return;
		case 'drop':
		case 'dropAfterApply':
			res.socket?.destroy();
			return;
		case 'hang':
		case 'hangAfterApply':
			return;
	}
}
