import type { IWebhookFunctions } from 'n8n-workflow';

import type { SignInAddresses } from './signIn';

/** Escapes text for HTML element content and quoted attribute values alike. */
export function escapeHtml(value: unknown): string {
	return String(value ?? '').replace(/[&<>"'`]/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * Pages carry a sign-in ticket in their address: nothing may cache them, and the address must
 * not leak as a Referer to wherever the shopper goes next. They need no script and no frames.
 */
const PAGE_HEADERS: Record<string, string> = {
	'Cache-Control': 'no-store',
	'Referrer-Policy': 'no-referrer',
	'X-Content-Type-Options': 'nosniff',
	'Content-Security-Policy':
		"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

const STYLE =
	'body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2328;line-height:1.5}' +
	'a{color:#c0392b;word-break:break-all}li{margin:.5rem 0}small{color:#656d76}';

/** A complete page; `title` is text, `body` must already be HTML built with escapeHtml. */
function page(title: string, body: string): string {
	return (
		'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">' +
		'<meta name="viewport" content="width=device-width, initial-scale=1">' +
		`<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
		`<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`
	);
}

const paragraph = (text: string) => `<p>${escapeHtml(text)}</p>`;
const link = (url: string, text: string) => `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`;

/** Lists the sign-in addresses of every flow, per callback (the test and the production one). */
function signInList(groups: SignInAddresses[]): string {
	if (groups.length === 0) return '';
	const sections = groups.map(({ label, callbackUrl, flows }) => {
		const items = flows
			.map((flow) => `<li>${escapeHtml(flow.name)}<br>${link(flow.url, flow.url)}</li>`)
			.join('');
		return `<h3>${escapeHtml(label)}</h3><p><small>Callback: ${escapeHtml(callbackUrl)}</small></p><ul>${items}</ul>`;
	});
	return `<h2>重新登录 (Sign in)</h2>${sections.join('')}`;
}

export function errorPage(title: string, message: string, signIn: SignInAddresses[] = []): string {
	return page(title, paragraph(message) + signInList(signIn));
}

export interface SignedInPageOptions {
	nickname?: unknown;
	message: string;
	continueUrl?: string;
}

export function signedInPage({ nickname, message, continueUrl }: SignedInPageOptions): string {
	const greeting = nickname
		? paragraph(`你好,${String(nickname)}! (Hello, ${String(nickname)}!)`)
		: '';
	const next = continueUrl ? `<p>${link(continueUrl, '继续 (Continue)')}</p>` : '';
	return page('登录成功 (Signed in)', greeting + (message ? paragraph(message) : '') + next);
}

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

/** Headers some answers add: a cookie set or cleared. */
export type ExtraHeaders = Record<string, string>;

/** Writes a whole page with plain node:http calls (the response is an express one in n8n). */
export function sendPage(
	response: Response,
	status: number,
	html: string,
	headers: ExtraHeaders = {},
): void {
	response.writeHead(status, {
		...PAGE_HEADERS,
		...headers,
		'Content-Type': 'text/html; charset=utf-8',
	});
	response.end(html);
}

/**
 * Redirects to an address the node's settings or the credential fixed; never to one taken from
 * the request. `location` must be ASCII, as a header value must (address.ts, sendableUrl).
 */
export function sendRedirect(
	response: Response,
	location: string,
	headers: ExtraHeaders = {},
	title = '登录成功 (Signed in)',
): void {
	response.writeHead(302, {
		...PAGE_HEADERS,
		...headers,
		Location: location,
		'Content-Type': 'text/html; charset=utf-8',
	});
	response.end(page(title, `<p>${link(location, '继续 (Continue)')}</p>`));
}
