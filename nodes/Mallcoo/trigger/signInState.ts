import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

/**
 * The sign-in state that binds a Mallcoo callback to the browser that started the sign-in.
 *
 * Mallcoo's flow has no PKCE, so without it a link carrying someone else's Ticket, opened in a
 * shopper's browser, would sign that browser in as someone else (RFC 9700, 2.1). The trigger's
 * start address puts a random nonce in an HttpOnly cookie and a state in the callback URL's own
 * query (the access guide only appends Ticket and DataSource to the CallbackUrl, so its query
 * comes back); the callback is exchanged only when both match, once.
 *
 * n8n gives webhook code no store shared between processes, and the start and the callback may
 * reach different ones (several webhook processes in queue mode, or a restart in between). So
 * the state carries its own proof: nonce, expiry and an HMAC over both, keyed from the
 * credential's PrivateKey (which every process has and nobody outside sees) and the trigger's
 * identity, so that a state of one trigger is worthless at another. What cannot be carried is
 * "used once": a bounded set of spent nonces in this process's memory, each kept until its
 * state expires. Another process would accept a replay until then, but the replay needs the
 * victim's cookie, and Mallcoo accepts each Ticket only once anyway.
 */

/** How long a shopper may take between the start address and the callback (signing up included). */
export const STATE_LIFETIME_MS = 10 * 60_000;

/** Spent nonces kept at most: beyond this, new sign-ins are refused rather than memory grown. */
const MAX_SPENT = 50_000;

export const STATE_COOKIE = 'mallcoo_sign_in';

const NONCE_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const STATE_PATTERN = /^([A-Za-z0-9_-]{22})\.(\d{10,13})\.([A-Za-z0-9_-]{22})$/;

/** The key that signs this trigger's states; derived, so the PrivateKey itself is never used twice. */
export function stateKey(privateKey: string, triggerId: string): Buffer {
	return createHmac('sha256', privateKey)
		.update(`n8n-nodes-mallcoo sign-in state\n${triggerId}`)
		.digest();
}

const mac = (key: Buffer, nonce: string, expires: number) =>
	createHmac('sha256', key).update(`${nonce}.${expires}`).digest().subarray(0, 16);

export interface IssuedState {
	/** Goes into the callback URL's query. */
	state: string;
	/** Goes into the cookie. */
	nonce: string;
	expires: number;
}

export function issueState(key: Buffer, now: number): IssuedState {
	const nonce = randomBytes(16).toString('base64url');
	const expires = now + STATE_LIFETIME_MS;
	const state = `${nonce}.${expires}.${mac(key, nonce, expires).toString('base64url')}`;
	return { state, nonce, expires };
}

export type StateCheck =
	| { ok: true; nonce: string; expires: number }
	| { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'otherBrowser' | 'used' };

/** Nonce → expiry of the states already exchanged in this process. */
const spent = new Map<string, number>();

function forgetExpired(now: number): void {
	for (const [nonce, expires] of spent) if (expires <= now) spent.delete(nonce);
}

/**
 * Checks the state from the callback's query against the cookie the browser sent. Costs no
 * request and changes nothing: `spend` marks it used once the exchange is about to be sent.
 */
export function checkState(
	key: Buffer,
	state: string | undefined,
	cookieNonce: string | undefined,
	now: number,
): StateCheck {
	if (!state) return { ok: false, reason: 'missing' };
	const parts = STATE_PATTERN.exec(state);
	if (!parts) return { ok: false, reason: 'invalid' };
	const [, nonce, expiresText, proof] = parts;
	const expires = Number(expiresText);
	// Compared as text: decoding would ignore the last character's spare bits.
	const expected = Buffer.from(mac(key, nonce, expires).toString('base64url'));
	if (!timingSafeEqual(Buffer.from(proof), expected)) return { ok: false, reason: 'invalid' };
	if (expires <= now || expires > now + STATE_LIFETIME_MS) return { ok: false, reason: 'expired' };
	// Before the cookie, which the trigger clears once the state is used: a reload says "used".
	if (spent.has(nonce)) return { ok: false, reason: 'used' };
	if (
		!cookieNonce ||
		!NONCE_PATTERN.test(cookieNonce) ||
		!timingSafeEqual(Buffer.from(cookieNonce), Buffer.from(nonce))
	)
		return { ok: false, reason: 'otherBrowser' };
	return { ok: true, nonce, expires };
}

/** Marks a checked state used; false when this process keeps too many to take one more. */
export function spend(nonce: string, expires: number, now: number): boolean {
	if (spent.size >= MAX_SPENT) forgetExpired(now);
	if (spent.size >= MAX_SPENT || spent.has(nonce)) return false;
	spent.set(nonce, expires);
	return true;
}

export interface CookieScope {
	/** The path the callback is served under, so the cookie goes to this trigger only. */
	path: string;
	secure: boolean;
}

/** Set-Cookie for a new state: HttpOnly, SameSite=Lax (sent on Mallcoo's top-level redirect back). */
export function stateCookie(nonce: string, scope: CookieScope): string {
	const seconds = Math.floor(STATE_LIFETIME_MS / 1000);
	return `${STATE_COOKIE}=${nonce}; Path=${scope.path}; Max-Age=${seconds}; HttpOnly; SameSite=Lax${scope.secure ? '; Secure' : ''}`;
}

/** Set-Cookie that removes the state cookie once its callback came back. */
export function clearedStateCookie(scope: CookieScope): string {
	return `${STATE_COOKIE}=; Path=${scope.path}; Max-Age=0; HttpOnly; SameSite=Lax${scope.secure ? '; Secure' : ''}`;
}

/** The state cookie's value in a Cookie header, or undefined. */
export function stateCookieOf(header: unknown): string | undefined {
	const text = Array.isArray(header) ? header.join('; ') : header;
	if (typeof text !== 'string' || text.length > 8192) return undefined;
	for (const part of text.split(';')) {
		const at = part.indexOf('=');
		if (at > 0 && part.slice(0, at).trim() === STATE_COOKIE) return part.slice(at + 1).trim();
	}
	return undefined;
}
