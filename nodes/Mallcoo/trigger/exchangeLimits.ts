/**
 * Caps on the ticket exchanges one trigger sends, per client address and in all, per minute.
 * Anyone can call the callback, and each exchange is a signed request on the mall's quota: the
 * caps bound what callbacks can cost, whoever sends them. Kept in this process's memory (webhook
 * code has no shared store), so each process serving webhooks applies them on its own.
 */

export const DEFAULT_MAX_EXCHANGES_PER_MINUTE = 300;
export const DEFAULT_MAX_EXCHANGES_PER_CLIENT_PER_MINUTE = 20;

const WINDOW_MS = 60_000;

interface Window {
	start: number;
	count: number;
}

interface TriggerCounters {
	all: Window;
	byClient: Map<string, Window>;
}

const counters = new Map<string, TriggerCounters>();

const current = (window: Window | undefined, now: number): Window =>
	window && now - window.start < WINDOW_MS ? window : { start: now, count: 0 };

export interface ExchangeCaps {
	perMinute: number;
	perClientPerMinute: number;
}

/**
 * Takes one exchange from `trigger`'s caps for `client`, or says which cap is reached. The
 * per-client map holds at most one entry per exchange of the current minute, so the overall
 * cap bounds it too.
 */
export function takeExchange(
	trigger: string,
	client: string,
	caps: ExchangeCaps,
	now: number,
): 'ok' | 'client' | 'all' {
	let entry = counters.get(trigger);
	if (!entry) {
		entry = { all: { start: now, count: 0 }, byClient: new Map() };
		counters.set(trigger, entry);
	}
	entry.all = current(entry.all, now);
	if (entry.all.count === 0) entry.byClient.clear();
	const mine = current(entry.byClient.get(client), now);
	if (mine.count >= caps.perClientPerMinute) return 'client';
	if (entry.all.count >= caps.perMinute) return 'all';
	mine.count++;
	entry.all.count++;
	entry.byClient.set(client, mine);
	return 'ok';
}
