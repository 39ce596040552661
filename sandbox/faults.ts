/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
import type { ServerResponse } from 'http';

/**
 * Transport faults a client must survive. They replace the platform's answer entirely: a faulted
 * request never reaches the endpoint, so it changes nothing in the store.
 *
 * - `http500`: HTTP 500 with an IIS-style HTML page
 * - `http429`: HTTP 429, `Retry-After: 1`, JSON envelope Code 429
 * - `hang`:    no answer at all until the sandbox is reset or closed (then the socket is destroyed)
 * - `notJson`: HTTP 200 and a JSON content type, but an HTML body (a proxy error page)
 * - `drop`:    the socket is destroyed without any response
 */
export type Fault = 'http500' | 'http429' | 'hang' | 'notJson' | 'drop';

export const FAULTS: readonly Fault[] = ['http500', 'http429', 'hang', 'notJson', 'drop'];

export interface FaultRequest {
	method: string;
	path: string;
	headers: Record<string, string>;
	/** Parsed JSON body, or undefined when the body is not JSON. */
	body: unknown;
}

/** Decides per request; undefined lets the request through. */
export type FaultRule = (req: FaultRequest) => Fault | undefined | null;

/** A list applies to the next N requests in order (null/undefined = let that one through); a rule applies until replaced. */
export type FaultPlan = ReadonlyArray<Fault | null | undefined> | FaultRule;

export function isFault(value: unknown): value is Fault {
	return typeof value === 'string' && (FAULTS as readonly string[]).includes(value);
}

export class FaultInjector {
	private queue: Array<Fault | null | undefined> = [];
	private rule: FaultRule | undefined;

	/** Replaces the current plan; no plan (or an empty list) turns faults off. */
	set(plan?: FaultPlan | null): void {
		this.clear();
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

	clear(): void {
		this.queue = [];
		this.rule = undefined;
	}

	/** Faults still queued for coming requests. */
	get pending(): number {
		return this.queue.length;
	}

	next(req: FaultRequest): Fault | undefined {
		const fault = this.rule ? this.rule(req) : this.queue.shift();
		if (fault === null || fault === undefined) return undefined;
		if (!isFault(fault)) throw new TypeError(`fault rule returned ${JSON.stringify(fault)}`);
		return fault;
	}
}

/** Writes (or withholds) the faulty answer. 'hang' is handled by the caller, which keeps the socket. */
export function respondWithFault(res: ServerResponse, fault: Exclude<Fault, 'hang'>): void {
	switch (fault) {
		case 'http500':
			res.writeHead(500, { 'Content-Type': 'text/html; charset=utf-8' });
			res.end(
				'<!DOCTYPE html><html><head><title>500 - 内部服务器错误。</title></head><body><h2>500 - Internal server error.</h2></body></html>',
			);
			return;
		case 'http429':
			res.writeHead(429, { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '1' });
			res.end(
				JSON.stringify({ Code: 429, Message: '请求过于频繁,请稍后再试 (too many requests)' }),
			);
			return;
		case 'notJson':
			res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
			res.end(
				'<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>',
			);
			return;
		case 'drop':
			res.socket?.destroy();
			return;
	}
}
