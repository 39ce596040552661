/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
import type { IncomingMessage, ServerResponse } from 'http';

import { setUpPutIn } from './couponDesk';
import { isFault, type RandomFaultOptions } from './faults';
import type { Misreport } from './mall';
import { DIALECTS, type Dialect } from './refusals';
import { parseJson, readBody, sendJson } from './respond';
import { INDEX_KEYS, type MemberSelector } from './memberStore';
import type { Sandbox } from './types';

/**
 * Control API for a sandbox driven from another process (e.g. a real n8n server under test, the
 * bench). No signature; answers are plain JSON (not the platform envelope), 400 for a bad request.
 *
 * GET    /__sandbox/health              {ok, url, appId, members, requests, latencyMs, pendingFaults,
 *                                        randomFaults, faultCounts, rateLimit, applied, dialect,
 *                                        clockOffsetMs}
 * GET    /__sandbox/requests[?since=id] the request log (only ids > since)
 * DELETE /__sandbox/requests            empty the log and the per-second counts
 * POST   /__sandbox/reset  [{latencyMs, randomFaults, rateLimit, dialect}]
 *                                       re-seed, empty log and counters, no faults, no latency,
 *                                       no rate limit, no misreport; then apply the optional body
 * GET    /__sandbox/dialect          {dialect, dialects}
 * POST   /__sandbox/dialect  {dialect}   how refusals are worded until the next reset
 * POST   /__sandbox/latency  {ms}
 * POST   /__sandbox/clock    {offsetMs}  the TimeStamp check's clock runs that far ahead (until a reset)
 * POST   /__sandbox/faults   {faults: [..]}   next N requests (a fault name, or null to pass one)
 * POST   /__sandbox/random-faults {rate, kinds?, seed?}   rate 0 (or DELETE) switches them off
 * DELETE /__sandbox/random-faults
 * POST   /__sandbox/rate-limit {perSecond}     null or 0 switches it off
 * GET    /__sandbox/rate                {limit, perSecond: [{second, requests, refused}], maxPerSecond,
 *                                        maxInAnySecond, maxAcceptedInAnySecond}
 * GET    /__sandbox/applied[?write=..]  {total, counts: [{write, key, count}], repeated: [...]}
 * POST   /__sandbox/misreport {consumeRecordsCount?, consumeRecordsStuckPagingId?, repeatLastPage?}
 *                                       ({} answers truthfully again)
 * POST   /__sandbox/consumption/match {TransID, Mobile | another identifier}
 * GET    /__sandbox/mall                the other pages' write logs: points, consumptions,
 *                                        parkingEntries, changeNotices, gradeChanges
 * GET    /__sandbox/members[?Mobile=..|OpenUserID=..|...]   all members, or the one matching
 * POST   /__sandbox/ticket   {Mobile} or any one identifier  → {Ticket}
 * GET    /__sandbox/coupons             {issued: [...]}: the coupons sent to members
 * POST   /__sandbox/coupons/put-in {PICMID, stock?, perPerson? (number or "unlimited")}
 */
export async function handleControl(
	sandbox: Sandbox,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
): Promise<void> {
	const route = `${req.method} ${url.pathname.toLowerCase().replace(/\/+$/, '').slice('/__sandbox/'.length)}`;
	const text = await readBody(req);
	const body = (text ? parseJson(text) : {}) as Record<string, unknown> | undefined;
	const ok = (value: Record<string, unknown> = {}) => sendJson(res, 200, { ok: true, ...value });
	const bad = (error: string, status = 400) => sendJson(res, status, { ok: false, error });
	if (!body || typeof body !== 'object' || Array.isArray(body))
		return bad('body must be a JSON object');
	const attempt = (action: () => void | Promise<void>) => {
		try {
			return action();
		} catch (error) {
			return bad((error as Error).message);
		}
	};

	switch (route) {
		case 'GET health':
			return ok({
				url: sandbox.url,
				appId: sandbox.credentials.appId,
				members: sandbox.members.count,
				requests: sandbox.requests.length,
				latencyMs: sandbox.latencyMs,
				pendingFaults: sandbox.pendingFaults,
				randomFaults: sandbox.randomFaults ?? null,
				faultCounts: sandbox.faultCounts,
				rateLimit: sandbox.rateLimit,
				applied: sandbox.applied.total(),
				dialect: sandbox.dialect,
				clockOffsetMs: sandbox.clockOffsetMs,
			});
		case 'GET requests': {
			const since = Number(url.searchParams.get('since') ?? 0);
			return sendJson(
				res,
				200,
				since > 0 ? sandbox.requests.filter((r) => r.id > since) : sandbox.requests,
			);
		}
		case 'DELETE requests':
			sandbox.clearRequests();
			return ok();
		case 'POST reset':
			sandbox.reset();
			return attempt(() => {
				if (body.latencyMs !== undefined) sandbox.setLatency(body.latencyMs as number);
				if (body.randomFaults !== undefined && body.randomFaults !== null)
					sandbox.setRandomFaults(randomFaults(body.randomFaults));
				if (body.rateLimit !== undefined) sandbox.setRateLimit(rateLimit(body.rateLimit));
				if (body.dialect !== undefined) sandbox.setDialect(body.dialect as Dialect);
				ok({
					latencyMs: sandbox.latencyMs,
					randomFaults: sandbox.randomFaults ?? null,
					rateLimit: sandbox.rateLimit,
				});
			});
		case 'GET dialect':
			return ok({ dialect: sandbox.dialect, dialects: DIALECTS });
		case 'POST dialect':
			return attempt(() => {
				sandbox.setDialect(body.dialect as Dialect);
				ok({ dialect: sandbox.dialect });
			});
		case 'POST clock':
			if (typeof body.offsetMs !== 'number' || !Number.isFinite(body.offsetMs))
				return bad('expected {"offsetMs": number}');
			sandbox.setClockOffset(body.offsetMs);
			return ok({ clockOffsetMs: body.offsetMs });
		case 'POST latency':
			if (typeof body.ms !== 'number' || !(body.ms >= 0))
				return bad('expected {"ms": number >= 0}');
			sandbox.setLatency(body.ms);
			return ok({ latencyMs: body.ms });
		case 'POST faults': {
			const faults = body.faults;
			if (!Array.isArray(faults) || !faults.every((f) => f === null || isFault(f))) {
				return bad(
					'expected {"faults": [...]} of http500, http429, hang, notJson, drop, http500AfterApply, dropAfterApply, hangAfterApply or null',
				);
			}
			sandbox.injectFaults(faults);
			return ok({ pendingFaults: faults.length });
		}
		case 'POST random-faults':
			return attempt(() =>
				ok({ randomFaults: sandbox.setRandomFaults(randomFaults(body)) ?? null }),
			);
		case 'DELETE random-faults':
			sandbox.setRandomFaults(null);
			return ok({ randomFaults: null });
		case 'POST rate-limit':
			return attempt(() => {
				sandbox.setRateLimit(rateLimit(body.perSecond));
				ok({ rateLimit: sandbox.rateLimit });
			});
		case 'GET rate':
			return ok({ ...sandbox.requestRate() });
		case 'GET applied': {
			const write = (url.searchParams.get('write') ?? undefined) as Parameters<
				typeof sandbox.applied.list
			>[0];
			return ok({
				total: sandbox.applied.total(write),
				counts: sandbox.applied.list(write),
				repeated: sandbox.applied.repeated(write),
			});
		}
		case 'POST misreport':
			return attempt(() => {
				sandbox.setMisreport(body as Misreport);
				ok({ misreport: body });
			});
		case 'POST consumption/match': {
			const selector = selectorFrom(body);
			if (typeof body.TransID !== 'string' || !selector)
				return bad('expected {"TransID": "...", "Mobile": "..."} (or another identifier)');
			return attempt(() => {
				sandbox.matchConsumption(body.TransID as string, selector);
				ok();
			});
		}
		case 'GET coupons':
			return ok({ issued: sandbox.mall.coupons.issued() });
		case 'POST coupons/put-in':
			return attempt(() => ok({ putIn: setUpPutIn(sandbox.mall.coupons, body) }));
		case 'GET mall':
			return ok({
				points: sandbox.mall.pointsTransactions(),
				consumptions: sandbox.mall.consumptions(),
				parkingEntries: sandbox.mall.parkingEntries(),
				changeNotices: sandbox.mall.changeNotices(),
				gradeChanges: sandbox.mall.gradeChanges(),
			});
		case 'GET members': {
			const selector = selectorFrom(Object.fromEntries(url.searchParams));
			if (!selector) return sendJson(res, 200, sandbox.members.list());
			const member = sandbox.members.get(selector);
			return member ? sendJson(res, 200, member) : bad('no such member', 404);
		}
		case 'POST ticket': {
			const selector = selectorFrom(body);
			if (!selector) return bad('expected {"Mobile": "..."} or another identifier');
			try {
				return ok({ Ticket: sandbox.issueTicket(selector) });
			} catch (error) {
				return bad((error as Error).message, 404);
			}
		}
		default:
			return bad(`unknown control route ${route}`, 404);
	}
}

function randomFaults(value: unknown): RandomFaultOptions {
	if (!value || typeof value !== 'object' || Array.isArray(value))
		throw new TypeError('expected {"rate": 0..1, "kinds"?: [...], "seed"?: integer}');
	const { rate, kinds, seed } = value as Record<string, unknown>;
	if (kinds !== undefined && !Array.isArray(kinds))
		throw new TypeError('"kinds" must be a list of fault names');
	return {
		rate: rate as number,
		kinds: kinds as RandomFaultOptions['kinds'],
		seed: seed as number | undefined,
	};
}

function rateLimit(value: unknown): number | null {
	if (value === null || value === 0) return null;
	if (typeof value !== 'number') throw new TypeError('expected {"perSecond": number | null}');
	return value;
}

function selectorFrom(source: Record<string, unknown>): MemberSelector | undefined {
	const key = INDEX_KEYS.find((k) => typeof source[k] === 'string' && source[k] !== '');
	return key ? ({ [key]: source[key] } as MemberSelector) : undefined;
}
