import { SEED_MEMBERS } from '../memberSeed';
import { DEFAULT_CARD_TYPE_ID } from '../members';
import type { MemberStore } from '../memberStore';
import { openCard } from './cardOpening';

/**
 * Stand-ins for the platform's authorization pages (access guide, "OAuth调用方法"). There is no
 * sign-in form: the shopper is taken to be signed in as a seeded member and is sent straight
 * back to CallbackUrl with a fresh Ticket, as the real page does for a signed-in user.
 */

export const OAUTH_PAGES = [
	'/a/open/User/V2/OAuth/BaseInfo/',
	'/a/open/User/V2/OAuth/CardInfo/',
	'/a/open/User/V1/OAuth/LiteAppBaseInfo/',
] as const;

const normalize = (path: string) => path.replace(/\/+$/, '').toLowerCase();
const PAGES = new Map(OAUTH_PAGES.map((page) => [normalize(page), page]));

export function findOAuthPage(path: string): (typeof OAUTH_PAGES)[number] | undefined {
	return PAGES.get(normalize(path));
}

export interface PageResult {
	status: number;
	headers: Record<string, string>;
	body: string;
	/** Ticket issued, for the request log. */
	ticket?: string;
}

interface Context {
	store: MemberStore;
	credentials: { appId: string; publicKey: string };
	now: number;
}

/**
 * Query: AppID, PublicKey, CallbackUrl (read case-insensitively like ASP.NET), and for the
 * sandbox only `sandboxMobile` (which member signs in; default the first seed) and
 * `sandboxDataSource` (default 3, browser).
 */
export function oauthPage(
	page: (typeof OAUTH_PAGES)[number],
	query: URLSearchParams,
	ctx: Context,
): PageResult {
	const params = new Map<string, string>();
	for (const [key, value] of query)
		if (!params.has(key.toLowerCase())) params.set(key.toLowerCase(), value);

	const appId = params.get('appid');
	const publicKey = params.get('publickey');
	const callbackUrl = params.get('callbackurl');
	if (!appId || !publicKey || !callbackUrl)
		return errorPage(
			'缺少参数 AppID、PublicKey 或 CallbackUrl (missing AppID, PublicKey or CallbackUrl)',
		);
	if (appId !== ctx.credentials.appId) return errorPage('AppID 不存在 (unknown AppID)');
	if (publicKey !== ctx.credentials.publicKey)
		return errorPage('PublicKey 错误 (PublicKey does not match AppID)');
	if (!isWebUrl(callbackUrl))
		return errorPage(
			'CallbackUrl 无效,需为 URL 编码的 http(s) 地址 (CallbackUrl must be a URL-encoded http(s) address)',
		);

	const mobile = params.get('sandboxmobile') || SEED_MEMBERS[0].Mobile;
	const member = ctx.store.find('Mobile', mobile);
	if (!member)
		return errorPage(`沙箱中没有手机号为 ${mobile} 的用户 (no sandbox user with this mobile)`);
	const dataSource = params.get('sandboxdatasource') || '3';
	if (!/^\d+$/.test(dataSource))
		return errorPage('sandboxDataSource 必须是整数 (must be an integer)');

	// The CardInfo page also opens a card for a user who has none.
	if (page === '/a/open/User/V2/OAuth/CardInfo/' && !member.Card) {
		openCard(
			{ store: ctx.store, now: ctx.now },
			member.Mobile,
			DEFAULT_CARD_TYPE_ID,
			Number(dataSource),
		);
	}

	const ticket = ctx.store.issueTicket(member, ctx.now);
	const location = appendQuery(
		callbackUrl,
		`Ticket=${encodeURIComponent(ticket)}&DataSource=${dataSource}`,
	);
	return {
		status: 302,
		headers: { Location: location, 'Content-Type': 'text/html; charset=utf-8' },
		body: `<a href="${escapeHtml(location)}">${escapeHtml(location)}</a>`,
		ticket,
	};
}

/**
 * A host that moved: any request to `/Sandbox/Moved/<port>/<path>` answers 307 (which keeps the
 * method and body) to `<path>` on 127.0.0.1:<port>, another origin. A client that follows
 * redirects would send its signed request there again, headers included.
 */
export function movedPage(path: string): PageResult | undefined {
	const match = /^\/sandbox\/moved\/(\d{1,5})(\/[^?#]*)?$/i.exec(path);
	if (!match) return undefined;
	const location = `http://127.0.0.1:${match[1]}${match[2] ?? '/'}`;
	return {
		status: 307,
		headers: { Location: location, 'Content-Type': 'text/plain; charset=utf-8' },
		body: `Moved to ${location}`,
	};
}

function isWebUrl(text: string): boolean {
	try {
		const url = new URL(text);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}

/** Adds to the query without re-encoding what the caller already has, and keeps a #fragment last. */
export function appendQuery(url: string, extra: string): string {
	const hashAt = url.indexOf('#');
	const base = hashAt < 0 ? url : url.slice(0, hashAt);
	const fragment = hashAt < 0 ? '' : url.slice(hashAt);
	const joiner = !base.includes('?') ? '?' : /[?&]$/.test(base) ? '' : '&';
	return `${base}${joiner}${extra}${fragment}`;
}

function errorPage(message: string): PageResult {
	const body = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>授权失败 - Mallcoo Sandbox</title></head><body><h1>授权失败 (authorization failed)</h1><p>${escapeHtml(message)}</p></body></html>`;
	return { status: 400, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
