/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
import type { IncomingMessage, ServerResponse } from 'http';

import { isFault } from './faults';
import { parseJson, readBody, sendJson } from './respond';
import type { MallcooSandbox } from './server';
import type { MemberSelector } from './store';

/**
 * Control API for a sandbox driven from another process (e.g. a real n8n server under test).
 * No signature; answers are plain JSON (not the platform envelope), 400 for a bad request.
 *
 * GET    /__sandbox/health              {ok, url, appId, members, requests, latencyMs, pendingFaults}
 * GET    /__sandbox/requests[?since=id] the request log (only ids > since)
 * DELETE /__sandbox/requests            empty the log
 * POST   /__sandbox/reset               re-seed, empty log, no faults, no latency
 * POST   /__sandbox/latency  {ms}
 * POST   /__sandbox/faults   {faults: [..]}   next N requests ('http500','http429','hang','notJson','drop', or null to pass one)
 * GET    /__sandbox/members[?Mobile=..|OpenUserID=..|...]   all members, or the one matching
 * POST   /__sandbox/ticket   {Mobile} or any one identifier  → {Ticket}
 */
export async function handleControl(
	sandbox: MallcooSandbox,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
): Promise<void> {
	const route = `${req.method} ${url.pathname.toLowerCase().replace(/\/+$/, '').slice('/__sandbox/'.length)}`;
	const text = await readBody(req);
	const body = (text ? parseJson(text) : {}) as Record<string, unknown> | undefined;
	const ok = (value: Record<string, unknown> = {}) => sendJson(res, 200, { ok: true, ...value });
	const bad = (error: string, status = 400) => sendJson(res, status, { ok: false, error });
	if (!body || typeof body !== 'object') return bad('body must be a JSON object');

	switch (route) {
		case 'GET health':
			return ok({
				url: sandbox.url,
				appId: sandbox.credentials.appId,
				members: sandbox.members.count,
				requests: sandbox.requests.length,
				latencyMs: sandbox.latencyMs,
				pendingFaults: sandbox.faults.pending,
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
			return ok();
		case 'POST latency':
			if (typeof body.ms !== 'number' || !(body.ms >= 0))
				return bad('expected {"ms": number >= 0}');
			sandbox.setLatency(body.ms);
			return ok({ latencyMs: body.ms });
		case 'POST faults': {
			const faults = body.faults;
			if (!Array.isArray(faults) || !faults.every((f) => f === null || isFault(f))) {
				return bad('expected {"faults": [...]} of http500, http429, hang, notJson, drop or null');
			}
			sandbox.injectFaults(faults);
			return ok({ pendingFaults: faults.length });
		}
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

const SELECTOR_KEYS = [
	'Mobile',
	'OpenUserID',
	'WXOpenID',
	'AliUserID',
	'UserToken',
	'MallCardNo',
	'ThirdPartyCardID',
];

function selectorFrom(source: Record<string, unknown>): MemberSelector | undefined {
	const key = SELECTOR_KEYS.find((k) => typeof source[k] === 'string' && source[k] !== '');
	return key ? ({ [key]: source[key] } as MemberSelector) : undefined;
}
