import type { IDataObject } from 'n8n-workflow';

import { authorizationUrl, H5_SIGN_IN_FLOWS } from '../helpers/signInFlows';
import type { PublicCredentials } from '../helpers/types';

export interface SignInAddresses {
	/** e.g. "Production URL" */
	label: string;
	callbackUrl: string;
	flows: Array<{ flow: string; name: string; url: string }>;
}

/** The ready-to-share sign-in address of every flow for one callback, URL-encoded as the guide requires. */
export function signInAddresses(
	credentials: PublicCredentials,
	label: string,
	callbackUrl: string,
): SignInAddresses {
	return {
		label,
		callbackUrl,
		flows: H5_SIGN_IN_FLOWS.map(({ flow, pageName }) => ({
			flow,
			name: pageName,
			url: authorizationUrl(flow, credentials, callbackUrl),
		})),
	};
}

/** What the shopper's browser brought back from the authorization page. */
export interface Callback {
	ticket?: string;
	/** The H5 flows send DataSource; the mini program hands over `oauth_Ticket` without it. */
	dataSource?: number;
	fromMiniProgram: boolean;
}

/** Tickets are short tokens (16 hex digits today); anything else is refused before any request. */
const TICKET_PATTERN = /^[\x21-\x7e]{1,128}$/;

/** First value of a query parameter, its name matched case-insensitively as ASP.NET does. */
function queryValue(query: Record<string, unknown>, name: string): string | undefined {
	const key = Object.keys(query).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : query[key];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' ? first.trim() : undefined;
}

/** Reads Ticket (or the mini program's oauth_Ticket) and DataSource; other parameters are ignored. */
export function readCallback(query: Record<string, unknown>): Callback & { malformed: boolean } {
	const h5Ticket = queryValue(query, 'ticket');
	const ticket = h5Ticket || queryValue(query, 'oauth_ticket') || undefined;
	const dataSource = queryValue(query, 'datasource');
	return {
		ticket: ticket && TICKET_PATTERN.test(ticket) ? ticket : undefined,
		malformed: ticket !== undefined && !TICKET_PATTERN.test(ticket),
		dataSource: dataSource && /^\d{1,4}$/.test(dataSource) ? Number(dataSource) : undefined,
		fromMiniProgram: !h5Ticket && ticket !== undefined,
	};
}

/** DataSource of a sign-in callback (docs/mallcoo-protocol.md, "Shopper sign-in"). */
export const DATA_SOURCES: Record<number, string> = {
	1: 'Android app',
	2: 'iOS app',
	3: 'Browser',
	5: 'WeChat',
};

export function dataSourceName({ dataSource, fromMiniProgram }: Callback): string {
	if (dataSource !== undefined) return DATA_SOURCES[dataSource] ?? `Unknown (${dataSource})`;
	return fromMiniProgram ? 'WeChat mini program' : 'Unknown';
}

/**
 * The workflow's item: the platform's `Data` as it sent it (OpenUserID, NickName, UserToken,
 * Expires, ...), plus where the shopper signed in and when the UserToken expires.
 */
export function signedInItem(
	data: IDataObject | undefined,
	callback: Callback,
	now: number,
): IDataObject {
	const minutes = data?.Expires;
	const expires =
		typeof minutes === 'number' || (typeof minutes === 'string' && minutes.trim() !== '')
			? Number(minutes)
			: NaN;
	return {
		...data,
		dataSource: callback.dataSource ?? null,
		dataSourceName: dataSourceName(callback),
		expiresAt: Number.isFinite(expires) ? new Date(now + expires * 60_000).toISOString() : null,
	};
}
