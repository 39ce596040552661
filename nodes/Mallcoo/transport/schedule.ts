import { sleep } from 'n8n-workflow';

/** How long a 429 from Mallcoo halves the shared budget, when it names no Retry-After. */
const SLOW_DOWN_MS = 10_000;

/**
 * One request budget per credential, shared by every run in this n8n process (the main, or
 * one worker in queue mode), so that runs at the same time stay under the ceiling together.
 * Each request waits for its own slot, spaced 1/rate apart. A 429 makes every run using the
 * credential pause for the Retry-After Mallcoo asks for and then go at half the rate for a while.
 */
export class RequestBudget {
	private perSecond = 0;
	private nextSlot = 0;
	private slowUntil = 0;

	/** The ceiling the latest run set; 0 means none (a 429 still pauses everyone). */
	setCeiling(perSecond: number): void {
		this.perSecond = perSecond > 0 ? perSecond : 0;
	}

	/**
	 * Waits for this request's slot. With nothing to wait for (no ceiling, no pause) it returns no
	 * promise at all, so the request need not wait a turn of the microtask queue for nothing.
	 */
	take(): Promise<void> | undefined {
		const now = Date.now();
		const slowed = now < this.slowUntil;
		const rate = this.perSecond > 0 && slowed ? this.perSecond / 2 : this.perSecond;
		if (!(rate > 0) && this.nextSlot <= now) return undefined;
		const slot = Math.max(now, this.nextSlot);
		this.nextSlot = slot + (rate > 0 ? 1000 / rate : 0);
		return slot > now ? sleep(slot - now) : undefined;
	}

	/** Mallcoo answered 429: nobody sends before `retryAfterMs`, then at half the ceiling. */
	slowDown(retryAfterMs = 0): void {
		const now = Date.now();
		this.nextSlot = Math.max(this.nextSlot, now + retryAfterMs);
		this.slowUntil = Math.max(this.slowUntil, now + retryAfterMs + SLOW_DOWN_MS);
	}
}

const budgets = new Map<string, RequestBudget>();

/**
 * The budget of one credential in this process, by a key that names the credential and the
 * API host (never its secrets), with the ceiling this run asks for; without one (a picker
 * loading a list), the ceiling the runs set stays as it is.
 */
export function sharedBudget(key: string, perSecond?: number): RequestBudget {
	let budget = budgets.get(key);
	if (!budget) {
		budget = new RequestBudget();
		budgets.set(key, budget);
	}
	if (perSecond !== undefined) budget.setCeiling(perSecond);
	return budget;
}

/**
 * Runs `task` for indexes 0..count-1 with at most `limit` in flight. Stops starting new ones
 * once `task` throws, waits for those in flight, then rethrows the first error.
 */
export async function forEachConcurrently(
	count: number,
	limit: number,
	task: (index: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	let firstError: unknown;
	const worker = async () => {
		while (firstError === undefined && next < count) {
			const index = next++;
			try {
				await task(index);
			} catch (error) {
				firstError ??= error;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
	if (firstError !== undefined) throw firstError;
}
