/* eslint-disable @n8n/community-nodes/require-node-api-error -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
import { parameterError } from './refusals';
import type { Member, MemberProfile } from './members';

/**
 * Reading request bodies strictly: a wrong type is a 2001 naming the parameter, so a client bug
 * shows up here rather than as a silently different result. Integers must be JSON numbers.
 */

export type Body = Record<string, unknown>;

const has = (body: Body, name: string) =>
	Object.prototype.hasOwnProperty.call(body, name) &&
	body[name] !== null &&
	body[name] !== undefined;

/** A non-empty string; `aliases` are accepted spellings (the guide writes `OpenUserId`). */
export function requiredString(body: Body, name: string, aliases: string[] = []): string {
	const key = [name, ...aliases].find((candidate) => has(body, candidate));
	const value = key === undefined ? undefined : body[key];
	if (typeof value !== 'string' || value === '') throw parameterError(name);
	return value;
}

export function optionalString(body: Body, name: string): string | undefined {
	if (!has(body, name)) return undefined;
	if (typeof body[name] !== 'string') throw parameterError(name, '必须是字符串 (must be a string)');
	return body[name] as string;
}

export function optionalInteger(body: Body, name: string): number | undefined {
	if (!has(body, name)) return undefined;
	const value = body[name];
	if (typeof value !== 'number' || !Number.isSafeInteger(value))
		throw parameterError(name, '必须是整数 (must be an integer)');
	return value;
}

/** Where a mobile is created (open card, change mobile): mainland format, 11 digits. */
export function requiredNewMobile(body: Body, name: string): string {
	const mobile = requiredString(body, name);
	if (!/^1\d{10}$/.test(mobile))
		throw parameterError(name, '手机号格式不正确 (not an 11-digit mobile)');
	return mobile;
}

export function integerList(body: Body, name: string): number[] {
	const value = body[name];
	if (!Array.isArray(value) || value.length === 0)
		throw parameterError(name, '必须是非空的整数数组 (must be a non-empty list of integers)');
	for (const item of value) {
		if (typeof item !== 'number' || !Number.isSafeInteger(item))
			throw parameterError(name, `包含非整数 ${JSON.stringify(item)} (not an integer)`);
	}
	return value as number[];
}

/**
 * Text the platform wants UTF-8 URL-encoded (UserInfo, Remark, Updator). Decoded like .NET's
 * HttpUtility.UrlDecode: `+` is a space, so a client that forgets to encode is caught.
 */
export function urlDecoded(value: string, name: string): string {
	try {
		return decodeURIComponent(value.replace(/\+/g, ' '));
	} catch {
		throw parameterError(name, 'URL 编码无效 (invalid URL encoding)');
	}
}

/** UserInfo: URL-encoded JSON text of one object. */
export function userInfoObject(value: unknown, name = 'UserInfo'): Body {
	if (typeof value !== 'string')
		throw parameterError(name, '必须是字符串 (must be URL-encoded JSON text)');
	let parsed: unknown;
	try {
		parsed = JSON.parse(urlDecoded(value, name));
	} catch (error) {
		if (error instanceof SyntaxError)
			throw parameterError(name, '不是有效的JSON (not JSON after URL-decoding)');
		throw error;
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
		throw parameterError(name, '必须是JSON对象 (must be a JSON object)');
	return parsed as Body;
}

/** The sign-up fields of Open/ByMallCardTypeID; ranges from the code lists of https://docs.mallcoo.cn/open/api/User.html. */
const TEXT_FIELDS = new Set([
	'UserName',
	'IDNum',
	'Email',
	'Address',
	'Business',
	'Wechat',
	'Reference',
	'InviteCode',
	'ThirdCardNo',
	'CarNO',
	...Array.from({ length: 20 }, (_, i) => `Remark${i + 1}`),
]);
const CODE_FIELDS: Record<string, number> = {
	Gender: 2,
	Education: 6,
	Marital: 2,
	HasChildren: 2,
	Income: 6,
	Conveyance: 4,
};
const COUNT_FIELDS = new Set(['Age', 'ChildrenCount']);
const LIST_FIELDS: Record<string, number> = {
	HobbyList: 7,
	FocusInfoList: 9,
	AcceptInfoTypeList: 3,
	ShoppingInterestList: 9,
	ActiveInterestList: 3,
};
const MEMBER_FIELDS = new Set(['UserName', 'Gender', 'Age', 'Birthday']);

/** The fields Update/ByMobile may change (https://docs.mallcoo.cn/open/api/User.html: 现仅支持 UserName、Gender、Age、Birthday、Address). */
export const UPDATABLE_FIELDS = ['UserName', 'Gender', 'Age', 'Birthday', 'Address'];

export interface ProfilePatch {
	member: Partial<Pick<Member, 'UserName' | 'Gender' | 'Age' | 'Birthday'>>;
	profile: Partial<MemberProfile>;
}

/** Values arrive as strings ("2", "0,4,8"); numbers are taken too where the examples use them. */
export function profilePatch(
	info: Body,
	allowed?: readonly string[],
	name = 'UserInfo',
): ProfilePatch {
	const patch: ProfilePatch = { member: {}, profile: {} };
	for (const [key, raw] of Object.entries(info)) {
		const field = `${name}.${key}`;
		if (allowed && !allowed.includes(key))
			throw parameterError(field, `不支持更新 (only ${allowed.join(', ')} can be changed)`);
		let value: unknown;
		if (TEXT_FIELDS.has(key)) {
			if (raw !== null && typeof raw !== 'string')
				throw parameterError(field, '必须是字符串 (must be a string)');
			value = raw;
		} else if (key in CODE_FIELDS || COUNT_FIELDS.has(key)) {
			value = integerValue(raw, field, CODE_FIELDS[key]);
		} else if (key === 'IsPostal') {
			const bit = integerValue(raw, field, 1);
			value = bit === null ? false : bit === 1;
		} else if (key in LIST_FIELDS) {
			value = listValue(raw, field, LIST_FIELDS[key]);
		} else if (key === 'Birthday') {
			value = birthday(raw, field);
		} else {
			throw parameterError(field, '不是开卡字段 (unknown field)');
		}
		if (MEMBER_FIELDS.has(key))
			(patch.member as Body)[key] = key === 'UserName' ? (value ?? '') : value;
		else (patch.profile as Body)[key] = value;
	}
	return patch;
}

function integerValue(raw: unknown, field: string, max?: number): number | null {
	if (raw === null || raw === '') return null;
	const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
	if (
		typeof value !== 'number' ||
		!Number.isSafeInteger(value) ||
		value < 0 ||
		(max !== undefined && value > max)
	) {
		throw parameterError(
			field,
			max === undefined
				? '必须是非负整数 (must be a whole number)'
				: `必须是 0-${max} 的整数 (must be a code 0-${max})`,
		);
	}
	return value;
}

function listValue(raw: unknown, field: string, max: number): number[] | null {
	if (raw === null || raw === '') return null;
	if (typeof raw !== 'string')
		throw parameterError(
			field,
			'多选值必须用逗号拼接成字符串 (must be comma-joined text, e.g. "0,4,8")',
		);
	return raw.split(',').map((part) => integerValue(part.trim(), field, max) as number);
}

/** `yyyy-MM-dd`, `yyyy/MM/dd` or an ISO date-time (the Update/ByMobile example); stored as `yyyy-MM-dd`. */
function birthday(raw: unknown, field: string): string {
	if (raw === null || raw === '') return '';
	const match =
		typeof raw === 'string' ? /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ].*)?$/.exec(raw) : null;
	if (match) {
		const [year, month, day] = match.slice(1).map(Number);
		const date = new Date(Date.UTC(year, month - 1, day));
		if (date.getUTCMonth() === month - 1 && date.getUTCDate() === day)
			return date.toISOString().slice(0, 10);
	}
	throw parameterError(field, '不是有效日期 (not a date, e.g. 1990-01-01)');
}

/** A JSON number (double on the platform), finite. */
export function requiredNumber(body: Body, name: string): number {
	const value = body[name];
	if (typeof value !== 'number' || !Number.isFinite(value))
		throw parameterError(name, '缺失或不是数字 (missing or not a number)');
	return value;
}

export function optionalNumber(body: Body, name: string): number | undefined {
	return has(body, name) ? requiredNumber(body, name) : undefined;
}

export function requiredInteger(body: Body, name: string): number {
	const value = optionalInteger(body, name);
	if (value === undefined) throw parameterError(name, '缺失 (missing)');
	return value;
}

/** An optional filter text: absent, null and "" all mean "not given" (the documents' examples send ""). */
export function optionalFilterText(body: Body, name: string): string | undefined {
	const value = optionalString(body, name);
	return value === '' ? undefined : value;
}

/** List<string>, optional; null or absent means not given. */
export function optionalStringList(body: Body, name: string): string[] | undefined {
	if (!has(body, name)) return undefined;
	const value = body[name];
	if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
		throw parameterError(name, '必须是字符串数组 (must be a list of strings)');
	return value as string[];
}

/** `yyyy-MM-dd HH:mm:ss` exactly (the documents' DateTime format), and a real date-time. */
export function isChinaDateTime(text: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
	if (!match) return false;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
	return (
		date.getUTCFullYear() === year &&
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day &&
		date.getUTCHours() === hour &&
		date.getUTCMinutes() === minute &&
		date.getUTCSeconds() === second
	);
}

export function requiredDateTime(body: Body, name: string): string {
	const value = requiredString(body, name);
	if (!isChinaDateTime(value))
		throw parameterError(name, '格式应为 yyyy-MM-dd HH:mm:ss (must be yyyy-MM-dd HH:mm:ss)');
	return value;
}

export function optionalDateTime(body: Body, name: string): string | undefined {
	const value = optionalFilterText(body, name);
	if (value !== undefined && !isChinaDateTime(value))
		throw parameterError(name, '格式应为 yyyy-MM-dd HH:mm:ss (must be yyyy-MM-dd HH:mm:ss)');
	return value;
}
