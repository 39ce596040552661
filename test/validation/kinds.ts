/** Tables for the kinds of fields several operations share: identifiers, mobiles, free text. */
import type { Member, RecordedRequest } from '../../sandbox/server';
import type { Accepted, FieldTable, Refused } from './table';
import {
	EMPTY_OPTIONAL,
	EMPTY_REQUIRED,
	FREE_TEXT_ACCEPTED,
	MOBILE_REFUSED,
	MULTILINE_ACCEPTED,
	MULTILINE_REFUSED,
	ONE_LINE_REFUSED,
} from './values';

type Sent = (request: RecordedRequest) => unknown;
export const bodyOf = (request: RecordedRequest) => request.body as Record<string, unknown>;
export const bodyKey =
	(key: string): Sent =>
	(request) =>
		bodyOf(request)[key];

/** A required one-line identifier (token, card number, CRM ID, ticket): `first` and `last` must succeed. */
export function identifierTable(
	label: string,
	parameters: Record<string, unknown>,
	sent: Sent,
	first: string,
	last: string,
	more: Accepted[] = [],
): FieldTable {
	return {
		label,
		parameters,
		sent,
		accepted: [
			['a known value', first, first],
			['surrounding spaces (trimmed)', `  ${first}\u00a0`, first],
			['a number (sent as text)', 10000001, '10000001'],
			['SQL-looking text', "x' OR '1'='1", "x' OR '1'='1"],
			...more,
			['another known value', last, last],
		],
		refused: [...EMPTY_REQUIRED, ...ONE_LINE_REFUSED],
	};
}

/** A required mobile: `first` and `last` must succeed. */
export function mobileTable(
	label: string,
	parameters: Record<string, unknown>,
	sent: Sent,
	first: string,
	last: string,
	context?: FieldTable['context'],
): FieldTable {
	return {
		label,
		parameters,
		sent,
		context,
		accepted: [
			['a mobile', first, first],
			[
				'spaces and dashes (dropped)',
				` ${first.slice(0, 3)} ${first.slice(3, 7)}-${first.slice(7)} `,
				first,
			],
			['a number', Number(first), first],
			['an international number', '+44 20 7946 0958', '+442079460958'],
			['5 digits', '12345', '12345'],
			['20 digits', '12345678901234567890', '12345678901234567890'],
			['another mobile', last, last],
		],
		refused: MOBILE_REFUSED,
	};
}

/** Optional free text: exact as typed (trimmed), refused when not text or holding control characters. */
export function freeTextTable(
	label: string,
	parameters: Record<string, unknown>,
	sent: Sent,
	multiline: boolean,
	context?: FieldTable['context'],
): FieldTable {
	const refused: Refused[] = multiline ? MULTILINE_REFUSED : ONE_LINE_REFUSED;
	return {
		label,
		parameters,
		sent,
		context,
		accepted: multiline ? MULTILINE_ACCEPTED : FREE_TEXT_ACCEPTED,
		refused,
		omitted: EMPTY_OPTIONAL,
	};
}

/** The user identifiers that User → Get and Member → Get both find someone by: label, Mallcoo's key. */
const USER_IDENTIFIERS = [
	['userToken', 'User Token', 'UserToken'],
	['openUserId', 'Open User ID', 'OpenUserID'],
	['wxOpenId', 'WeChat OpenID', 'WXOpenID'],
	['aliUserId', 'Alipay User ID', 'AliUserID'],
] as const;

/** Their tables for one operation: `parameters(findBy)` selects each; `first` and `last` must succeed. */
export function userIdentifierTables(
	parameters: (findBy: string) => Record<string, unknown>,
	first: Member,
	last: Member,
): Record<string, FieldTable> {
	return Object.fromEntries(
		USER_IDENTIFIERS.map(([findBy, label, apiName]) => [
			findBy,
			identifierTable(
				label,
				parameters(findBy),
				bodyKey(apiName),
				String(first[apiName]),
				String(last[apiName]),
			),
		]),
	);
}
