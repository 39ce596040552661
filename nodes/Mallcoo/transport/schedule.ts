import { sleep } from 'n8n-workflow';

const noWait = (): undefined => undefined;

/**
 * A ceiling on requests per second across one node run: each call waits for its own slot,
 * spaced 1/rate apart. 0 means no ceiling: then it returns no promise at all, so a request
 * need not wait a turn of the microtask queue for nothing.
 */
export function rateLimiter(perSecond: number): () => Promise<void> | undefined {
	if (!(perSecond > 0)) return noWait;
	const spacingMs = 1000 / perSecond;
	let nextSlot = 0;
	return async () => {
		const now = Date.now();
		const slot = Math.max(now, nextSlot);
		nextSlot = slot + spacingMs;
		if (slot > now) await sleep(slot - now);
	};
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
