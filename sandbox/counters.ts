/**
 * Counters tests assert on: how many times each write was applied (so "none applied twice" can
 * be checked after faults and retries), and how many API requests arrived in each second (so a
 * client's request-rate ceiling can be checked).
 */

/**
 * Which writes are counted, and by what key. A count goes up only when the write really changed
 * the sandbox's state (a refused request, e.g. a repeated TransID, counts nothing).
 */
export const WRITES = {
	/** A card opened (Open/ByMobile, Open/ByMallCardTypeID, the CardInfo OAuth page); key: mobile. */
	openCard: 'openCard',
	/** ChangeOnlineUserMobile; key: `${OldMobile}->${Mobile}`. */
	changeMobile: 'changeMobile',
	/** Update/ByMobile; key: mobile. */
	updateProfile: 'updateProfile',
	/** Update/ByThirdPartyCardID; key: ThirdPartyCardID as sent. */
	syncFromCrm: 'syncFromCrm',
	/** UpdateStatus/ByThirdPartyCardID; key: ThirdPartyCardID. */
	updateStatus: 'updateStatus',
	/** AddTag / DelTag; key: mobile. */
	addTag: 'addTag',
	removeTag: 'removeTag',
	/** Score Plus / Subtract; key: TransID (one namespace for both). */
	points: 'points',
	/** A coupon given by Coupon/v1|v2/Send (one entry of a UserList); key: TraceID. */
	couponSend: 'couponSend',
	/** Consume Data Inform; key: TransID. */
	consumption: 'consumption',
	/** Parking EnterInfoNotify; key: TradeID, or `${ParkCode}|${PlateNo}|${InTime}` without one. */
	parkingEntry: 'parkingEntry',
	/** Update/Notice; key: ThirdPartyCardID or Mobile as sent. */
	notifyChange: 'notifyChange',
	/** UpdateGrade/Inform; key: GradeChangeID, or `${ThirdPartyCardID}|${ChangeTime}` without one. */
	notifyGradeChange: 'notifyGradeChange',
	/** BI Data Import, a record kept (not a repeat of the day); key: `${EventType}|${unique_id}`. */
	biImport: 'biImport',
	/** Pay Order Add; key: PosOrderID (the page does not say a repeat is refused). */
	posOrderCreate: 'posOrderCreate',
	/** Pay Order Sync; key: OrderID. */
	posOrderSync: 'posOrderSync',
} as const;

export type WriteName = (typeof WRITES)[keyof typeof WRITES];

export interface ApplyCount {
	write: WriteName;
	key: string;
	count: number;
}

/** Read-only view of the apply counters (handed to tests). */
export interface ApplyCountsView {
	/** Times `write` was applied for `key`; 0 if never. */
	count(write: WriteName, key: string): number;
	/** Every (write, key) applied at least once, in first-application order. */
	list(write?: WriteName): ApplyCount[];
	/** The (write, key) pairs applied more than once: [] means "none applied twice". */
	repeated(write?: WriteName): ApplyCount[];
	/** Applications in all, or of one write. */
	total(write?: WriteName): number;
}

export class ApplyCounter implements ApplyCountsView {
	private readonly counts = new Map<string, ApplyCount>();

	add(write: WriteName, key: string): void {
		const id = `${write}\u0000${key}`;
		const entry = this.counts.get(id);
		if (entry) entry.count += 1;
		else this.counts.set(id, { write, key, count: 1 });
	}

	count(write: WriteName, key: string): number {
		return this.counts.get(`${write}\u0000${key}`)?.count ?? 0;
	}

	list(write?: WriteName): ApplyCount[] {
		return [...this.counts.values()]
			.filter((entry) => !write || entry.write === write)
			.map((entry) => ({ ...entry }));
	}

	repeated(write?: WriteName): ApplyCount[] {
		return this.list(write).filter((entry) => entry.count > 1);
	}

	total(write?: WriteName): number {
		return this.list(write).reduce((sum, entry) => sum + entry.count, 0);
	}

	clear(): void {
		this.counts.clear();
	}
}

export interface SecondCount {
	/** The second, as epoch seconds (Math.floor(Date.now() / 1000) when the requests arrived). */
	second: number;
	/** API requests that arrived in that second, refused ones included. */
	requests: number;
	/** Of those, refused with 429 by the rate limit. */
	refused: number;
}

export interface RequestRate {
	/** Requests per second allowed before 429s, or null for no limit. */
	limit: number | null;
	/** Seconds in which at least one API request arrived, oldest first. */
	perSecond: SecondCount[];
	/** The largest `requests` of perSecond (0 with none). */
	maxPerSecond: number;
	/** The most API requests that arrived within any 1000 ms (a sliding window, not calendar seconds). */
	maxInAnySecond: number;
	/** The same, counting only requests the rate limit let through. */
	maxAcceptedInAnySecond: number;
}

/**
 * Arrivals of API requests (not the OAuth pages, not /__sandbox/), and the limiter: with a limit
 * L, the first L requests of each calendar second are let through and the rest get 429.
 */
export class RateMeter {
	private limit: number | null = null;
	private seconds = new Map<number, SecondCount>();
	private arrivals: number[] = [];
	private accepted: number[] = [];

	constructor(private readonly maxKept = 200_000) {}

	setLimit(perSecond: number | null | undefined): void {
		if (perSecond === null || perSecond === undefined || perSecond === 0) {
			this.limit = null;
			return;
		}
		if (!Number.isInteger(perSecond) || perSecond < 0)
			throw new RangeError(
				`rate limit must be a whole number of requests per second, got ${perSecond}`,
			);
		this.limit = perSecond;
	}

	get perSecondLimit(): number | null {
		return this.limit;
	}

	/** Counts one arrival; false when the rate limit refuses it. */
	arrive(now: number): boolean {
		const second = Math.floor(now / 1000);
		let entry = this.seconds.get(second);
		if (!entry) {
			entry = { second, requests: 0, refused: 0 };
			this.seconds.set(second, entry);
		}
		entry.requests += 1;
		this.push(this.arrivals, now);
		const allowed = this.limit === null || entry.requests - entry.refused <= this.limit;
		if (allowed) this.push(this.accepted, now);
		else entry.refused += 1;
		return allowed;
	}

	rate(): RequestRate {
		const perSecond = [...this.seconds.values()]
			.sort((a, b) => a.second - b.second)
			.map((entry) => ({ ...entry }));
		return {
			limit: this.limit,
			perSecond,
			maxPerSecond: perSecond.reduce((max, entry) => Math.max(max, entry.requests), 0),
			maxInAnySecond: maxInWindow(this.arrivals, 1000),
			maxAcceptedInAnySecond: maxInWindow(this.accepted, 1000),
		};
	}

	/** Forgets the counts (the limit stays). */
	clear(): void {
		this.seconds = new Map();
		this.arrivals = [];
		this.accepted = [];
	}

	private push(list: number[], now: number): void {
		if (list.length >= this.maxKept) list.splice(0, Math.ceil(this.maxKept / 10));
		list.push(now);
	}
}

/** The most timestamps (sorted ascending) that fall within any `windowMs` half-open window. */
function maxInWindow(times: number[], windowMs: number): number {
	let max = 0;
	let start = 0;
	for (let end = 0; end < times.length; end++) {
		while (times[end] - times[start] >= windowMs) start++;
		max = Math.max(max, end - start + 1);
	}
	return max;
}
