import type { ApplyCountsView, RequestRate } from './counters';
import type { Fault, FaultPlan, RandomFaultOptions, RandomFaultSettings } from './faults';
import type { MallView, Misreport } from './mall';
import type { MemberSelector, MemberView } from './memberStore';
import type { Dialect } from './refusals';

/**
 * The sandbox's public shapes, in a module of their own so that server.ts (which implements
 * them) and control.ts (which drives them over HTTP) both depend on this and not on each other.
 */

export interface SandboxCredentials {
	appId: string;
	publicKey: string;
	privateKey: string;
}

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
	/** Random faults from the start (as setRandomFaults); reset() turns them off. */
	randomFaults?: RandomFaultOptions;
	/** Requests per second before HTTP 429 (as setRateLimit); reset() turns it off. */
	rateLimitPerSecond?: number;
	/** How refusals are worded (refusals.ts DIALECTS); default 'classic'; reset() returns to it. */
	dialect?: Dialect;
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
		/** HTTP status; 0 when no response is ever sent ('drop', 'hang' and their after-apply kinds). */
		status: number;
		/** Envelope Code, for answers that carry one. */
		code?: number;
		message?: string;
		fault?: Fault;
		/** For an after-apply fault: the Code the endpoint answered, which the client never saw. */
		appliedCode?: number;
		/** Refused by the rate limit (HTTP 429), not by an injected fault. */
		rateLimited?: boolean;
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
	/** Read-only copies of shops, coupons, gifts, consumption records and the other pages' write logs. */
	readonly mall: MallView;
	/** How many times each write was applied since the last reset (counters.ts WRITES). */
	readonly applied: ApplyCountsView;
	readonly latencyMs: number;
	/** Planned faults still queued. */
	readonly pendingFaults: number;
	/** Faults given since the last reset, by kind (planned and random). */
	readonly faultCounts: Readonly<Record<Fault, number>>;
	/** The random-fault settings in force, or undefined when off. */
	readonly randomFaults: RandomFaultSettings | undefined;
	/** Requests per second before 429, or null. */
	readonly rateLimit: number | null;
	/** How refusals are worded now: the same meanings, other Codes and Messages per dialect. */
	readonly dialect: Dialect;
	/** How far the sandbox's clock runs ahead of this machine's (negative: behind), in ms. */
	readonly clockOffsetMs: number;
	/** Also forgets the per-second request counts. */
	clearRequests(): void;
	/**
	 * Re-seeds members and mall data, empties the log and the counters, removes planned and
	 * random faults, latency, rate limit, clock offset and misreports, ends hanging requests, and
	 * returns to the dialect the sandbox was started with.
	 */
	reset(): void;
	setLatency(ms: number): void;
	/**
	 * Moves the clock the TimeStamp check compares with by `ms`, as if the caller's clock were off
	 * by -ms; reset() sets 0.
	 */
	setClockOffset(ms: number): void;
	/** Words every refusal from now on in `dialect`; reset() returns to the start option's. */
	setDialect(dialect: Dialect): void;
	/** Card openings with sign-up fields show up `ms` after they are accepted (asynchronous, as on the platform); 0: at once; reset() sets 0. */
	setCardOpeningDelay(ms: number): void;
	/** Replaces the fault plan; no argument or [] switches planned faults off (random ones stay). */
	injectFaults(plan?: FaultPlan | null): void;
	/** A share of API requests gets a fault drawn from `kinds`; null or rate 0 switches them off. */
	setRandomFaults(options: RandomFaultOptions | null): RandomFaultSettings | undefined;
	/** Above `perSecond` API requests in a calendar second, HTTP 429 + Retry-After; null switches it off. */
	setRateLimit(perSecond: number | null): void;
	/** Per-second API request counts since the last clearRequests/reset. */
	requestRate(): RequestRate;
	/** Replaces the misreport settings ({} or null: answer truthfully). */
	setMisreport(misreport: Misreport | null): void;
	/**
	 * Matches a reported consumption (Consume/v1/Data/Inform, by TransID) to a member, as Mallcoo
	 * does later on its own; from then on it is one of that member's consumption records.
	 */
	matchConsumption(transId: string, member: MemberSelector): void;
	/** A fresh Ticket (as the OAuth page would issue) for the member; throws if there is none. */
	issueTicket(selector: MemberSelector): string;
	close(): Promise<void>;
}
