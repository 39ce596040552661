import {
	NodeOperationError,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { chinaDateTime } from '../../../credentials/chinaTime';
import { compileItemTemplate, type ItemTemplate } from './itemTemplate';

/** Where parameters come from: an execute context, or anything that answers the same two calls. */
export interface ParameterSource {
	getNode(): INode;
	getNodeParameter(name: string, itemIndex: number, fallback?: unknown): unknown;
	/** The node's input items; with it, `={{ $json.field }}` is read from the item itself. */
	getInputData?(): INodeExecutionData[];
}

/**
 * `={{ $json.field }}` or `={{ $json["field"] }}` and nothing else: the value is the input item's
 * own field. n8n 2.x evaluates every expression in an isolated-vm sandbox (about 0.9 ms of CPU
 * per item, measured by bench/cpu-bound.ts); reading the field gives the same value for free.
 */
const JSON_FIELD_EXPRESSION =
	/^=\{\{\s*\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(["'])([^"'\\]+)\2\s*\])\s*\}\}$/;

export interface TextOptions {
	/** Most characters allowed (Unicode code points); DEFAULT_MAX_LENGTH unless given. */
	maxLength?: number;
	/**
	 * Free text that may span lines (a remark, an address): tab, line feed and carriage return
	 * are allowed. Without it the text is one line (names, identifiers): no control character at all.
	 */
	multiline?: boolean;
}

export interface IntegerOptions {
	min?: number;
	max?: number;
}

export interface NumberOptions extends IntegerOptions {
	/** The value must be strictly greater than this (`above: 0` for amounts and points). */
	above?: number;
}

export type ChoiceValue = string | number;

/** Text longer than this is refused unless a reader allows more: no Mallcoo field needs more. */
export const DEFAULT_MAX_LENGTH = 2000;

/** A URL or API path longer than this is refused. */
const MAX_URL_LENGTH = 2000;
const MAX_PATH_LENGTH = 500;

/** 5 to 20 digits, optionally after + (the longest international numbers have 15 digits). */
const PHONE_PATTERN = /^\+?\d{5,20}$/;
const PHONE_RULE =
	'must be a mobile number of 5 to 20 digits, optionally after + (spaces and dashes are ignored)';

// C0 controls, DEL and C1 controls; the multi-line variant lets tab, line feed and carriage return through.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const INTEGER_TEXT = /^[+-]?\d+$/;
const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
/** `2024-05-01`, `2024/5/1`, with an optional time `T14:30`, ` 14:30:00.123` and offset `Z`, `+08:00`. */
const DATE_TIME_TEXT =
	/^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
/** One DNS label: letters, digits, hyphens and underscores, not starting or ending with a hyphen. */
const HOST_LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/i;
const API_PATH = /^(?:\/[A-Za-z0-9._~-]+)+\/?$/;

type Refuse = (problem: string) => never;

/** A Luxon DateTime from an expression ($now, $today, DateTime.fromISO(...)), without importing Luxon. */
interface DateTimeLike {
	isLuxonDateTime: true;
	isValid: boolean;
	toMillis(): number;
	toISODate(): string | null;
	toISO(): string | null;
}

const isDateTimeLike = (value: unknown): value is DateTimeLike =>
	typeof value === 'object' &&
	value !== null &&
	(value as { isLuxonDateTime?: unknown }).isLuxonDateTime === true;

const isPlainObject = (value: unknown): value is IDataObject =>
	Object.prototype.toString.call(value) === '[object Object]' && !isDateTimeLike(value);

const isEmpty = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

const shorten = (text: string, max = 60) => {
	const characters = [...text];
	return characters.length <= max ? text : `${characters.slice(0, max).join('')}…`;
};

/** What a value is, for an error message: `"abc"`, `the number NaN`, `a list [1,2]`, `the yes/no value false`. */
export function describeValue(value: unknown): string {
	if (value === undefined || value === null || value === '') return 'empty';
	if (typeof value === 'string') {
		const length = [...value].length;
		const shown = JSON.stringify(shorten(value));
		return length > 60 ? `${shown} (${length} characters)` : shown;
	}
	if (typeof value === 'number') return `the number ${value}`;
	if (typeof value === 'boolean') return `the yes/no value ${value}`;
	if (Array.isArray(value)) return `a list ${shorten(safeJson(value))}`;
	if (isDateTimeLike(value)) return `the date-time ${value.toISO() ?? 'Invalid DateTime'}`;
	if (value instanceof Date) {
		return `the date-time ${Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()}`;
	}
	if (typeof value === 'object') return `an object ${shorten(safeJson(value))}`;
	return `a ${typeof value}`;
}

function safeJson(value: unknown): string {
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

const codePoint = (character: string) =>
	`U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

const CONTROL_NAMES: Record<string, string> = {
	'\t': 'a tab',
	'\n': 'a line break',
	'\r': 'a carriage return',
	'\u0000': 'a NUL character',
};

/** Refuses control characters (all of them, or all but tab and line breaks) and broken UTF-16. */
function checkCharacters(text: string, refuse: Refuse, multiline: boolean) {
	const control = (multiline ? CONTROL_EXCEPT_LINES : CONTROL).exec(text);
	if (control) {
		const character = control[0];
		const what = CONTROL_NAMES[character] ?? `the control character ${codePoint(character)}`;
		refuse(
			multiline
				? `must not contain control characters other than tabs and line breaks, but contains ${what} at character ${[...text.slice(0, control.index)].length + 1}`
				: `must be one line of text without control characters, but contains ${what} at character ${[...text.slice(0, control.index)].length + 1}`,
		);
	}
	if (LONE_SURROGATE.test(text)) {
		refuse('contains a broken character (half of a UTF-16 surrogate pair)');
	}
}

// --- the kinds of values, each: empty → undefined, wrong kind → refuse, else the checked value

function textOf(value: unknown, refuse: Refuse, options: TextOptions = {}): string | undefined {
	if (value === undefined || value === null) return undefined;
	let text: string;
	if (typeof value === 'string') {
		text = value.trim();
	} else if (typeof value === 'number') {
		if (!Number.isFinite(value)) refuse(`must be text, not ${describeValue(value)}`);
		if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
			refuse(
				`is the number ${value}, too long to keep every digit: give it as text (in quotes) instead`,
			);
		}
		text = String(value);
	} else {
		refuse(`must be text or a number, not ${describeValue(value)}`);
	}
	if (text === '') return undefined;
	checkCharacters(text, refuse, options.multiline ?? false);
	const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
	const length = [...text].length;
	if (length > maxLength) {
		refuse(`must be at most ${maxLength} characters long, but is ${length} characters long`);
	}
	// What n8n writes when an expression like "{{ $json.name }} x" meets an object.
	if (text.includes('[object Object]')) {
		refuse(
			`contains "[object Object]": an expression put an object into the text; pick the field you mean, e.g. {{ $json.name.first }}`,
		);
	}
	return text;
}

function mobileOf(value: unknown, refuse: Refuse): string | undefined {
	if (value === undefined || value === null) return undefined;
	const digitsNumber = typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
	if (typeof value !== 'string' && !digitsNumber) {
		refuse(`${PHONE_RULE}, not ${describeValue(value)}`);
	}
	const text = String(value).trim();
	if (text === '') return undefined;
	const mobile = text.replace(/[\s-]/g, '');
	if (!PHONE_PATTERN.test(mobile)) refuse(`${PHONE_RULE}, but is ${describeValue(text)}`);
	return mobile;
}

/** "more than 0", "from 0 to 150", "at least 0", "at most 100" (empty without limits). */
function rangeText({ min, max, above }: NumberOptions): string {
	const parts: string[] = [];
	if (above !== undefined) parts.push(`more than ${above}`);
	if (min !== undefined && max !== undefined) parts.push(`from ${min} to ${max}`);
	else if (min !== undefined) parts.push(`at least ${min}`);
	else if (max !== undefined) parts.push(`at most ${max}`);
	return parts.join(' and ');
}

/** "a whole number from 0 to 150", "a number more than 0", "a whole number of at least 0". */
function rangeRule(kind: string, options: NumberOptions): string {
	const range = rangeText(options);
	if (range === '') return kind;
	return /^(at|more)/.test(range) && options.above === undefined
		? `${kind} of ${range}`
		: `${kind} ${range}`;
}

function checkRange(number: number, options: NumberOptions, refuse: Refuse) {
	const { min, max, above } = options;
	if (
		(min !== undefined && number < min) ||
		(max !== undefined && number > max) ||
		(above !== undefined && number <= above)
	) {
		refuse(`must be ${rangeText(options)}, but is ${number}`);
	}
}

function numberOf(
	value: unknown,
	refuse: Refuse,
	kind: 'integer' | 'number',
	options: NumberOptions = {},
): number | undefined {
	if (isEmpty(value)) return undefined;
	const name = kind === 'integer' ? 'a whole number' : 'a number';
	let number: number;
	if (typeof value === 'number') {
		number = value;
	} else if (
		typeof value === 'string' &&
		(kind === 'integer' ? INTEGER_TEXT : DECIMAL_TEXT).test(value.trim())
	) {
		number = Number(value.trim());
	} else {
		refuse(`must be ${rangeRule(name, options)}, not ${describeValue(value)}`);
	}
	if (!Number.isFinite(number)) refuse(`must be ${rangeRule(name, options)}, not ${number}`);
	if (kind === 'integer') {
		if (!Number.isInteger(number)) refuse(`must be ${rangeRule(name, options)}, but is ${number}`);
		if (!Number.isSafeInteger(number)) {
			refuse(
				`must be ${name} between -9007199254740991 and 9007199254740991 (beyond, digits are lost), but is ${number}`,
			);
		}
	}
	checkRange(number, options, refuse);
	return number;
}

interface DateParts {
	year: number;
	month: number;
	day: number;
	time?: { hour: number; minute: number; second: number };
	/** Minutes east of UTC, when the text gives an offset. */
	offset?: number;
}

const pad = (number: number, length = 2) => String(number).padStart(length, '0');

/** A date as written: checked against the calendar (30 February, month 13, 25:00 are refused). */
function parseDateText(text: string, refuse: Refuse, rule: string): DateParts {
	const match = DATE_TIME_TEXT.exec(text.trim());
	if (!match) refuse(`${rule}, but is ${describeValue(text)}`);
	const [, year, month, day, hour, minute, second, offset] = match;
	const parts: DateParts = { year: Number(year), month: Number(month), day: Number(day) };
	const real = new Date(0);
	real.setUTCFullYear(parts.year, parts.month - 1, parts.day);
	if (
		parts.year < 1 ||
		real.getUTCFullYear() !== parts.year ||
		real.getUTCMonth() !== parts.month - 1 ||
		real.getUTCDate() !== parts.day
	) {
		refuse(`must be a date that exists, but ${describeValue(text)} has no such day`);
	}
	if (hour !== undefined) {
		parts.time = { hour: Number(hour), minute: Number(minute), second: Number(second ?? 0) };
		if (parts.time.hour > 23 || parts.time.minute > 59 || parts.time.second > 59) {
			refuse(
				`must be a date with a time of day from 00:00:00 to 23:59:59, but is ${describeValue(text)}`,
			);
		}
	}
	if (offset !== undefined) {
		if (offset.toUpperCase() === 'Z') {
			parts.offset = 0;
		} else {
			const digits = offset.replace(':', '');
			const hours = Number(digits.slice(1, 3));
			const minutes = Number(digits.slice(3, 5));
			if (hours > 14 || minutes > 59) refuse(`has an impossible time-zone offset ${offset}`);
			parts.offset = (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
		}
	}
	return parts;
}

const DATE_RULE = 'must be a date like 1990-01-31';

function dateOf(value: unknown, refuse: Refuse): string | undefined {
	if (isEmpty(value)) return undefined;
	if (isDateTimeLike(value)) {
		const day = value.isValid ? value.toISODate() : null;
		if (!day) refuse(`${DATE_RULE}, but is an invalid date-time`);
		return day;
	}
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) refuse(`${DATE_RULE}, but is an invalid date`);
		return value.toISOString().slice(0, 10);
	}
	if (typeof value !== 'string') refuse(`${DATE_RULE}, not ${describeValue(value)}`);
	// The day as written: "1993-04-05T00:00:00+08:00" is the 5th, wherever the node runs.
	const { year, month, day } = parseDateText(value, refuse, DATE_RULE);
	return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

const DATE_TIME_RULE =
	'must be a date and time like 2024-05-01 14:30:00 (China time) or 2024-05-01T06:30:00Z';

function chinaDateTimeOf(value: unknown, refuse: Refuse): string | undefined {
	if (isEmpty(value)) return undefined;
	if (isDateTimeLike(value)) {
		if (!value.isValid) refuse(`${DATE_TIME_RULE}, but is an invalid date-time`);
		return chinaDateTime(value.toMillis());
	}
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) refuse(`${DATE_TIME_RULE}, but is an invalid date`);
		return chinaDateTime(value.getTime());
	}
	if (typeof value !== 'string') refuse(`${DATE_TIME_RULE}, not ${describeValue(value)}`);
	const parts = parseDateText(value, refuse, DATE_TIME_RULE);
	if (!parts.time) refuse(`${DATE_TIME_RULE}: the time is missing in ${describeValue(value)}`);
	const { year, month, day, time, offset } = parts;
	if (offset === undefined) {
		// No offset: the time is China time as written.
		return `${pad(year, 4)}-${pad(month)}-${pad(day)} ${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}`;
	}
	const instant = new Date(0);
	instant.setUTCFullYear(year, month - 1, day);
	instant.setUTCHours(time.hour, time.minute, time.second, 0);
	return chinaDateTime(instant.getTime() - offset * 60 * 1000);
}

const URL_RULE = 'must be an absolute http:// or https:// address like https://example.com/path';

function urlOf(value: unknown, refuse: Refuse): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') refuse(`${URL_RULE}, not ${describeValue(value)}`);
	const text = value.trim();
	if (text === '') return undefined;
	if ([...text].length > MAX_URL_LENGTH) {
		refuse(`must be at most ${MAX_URL_LENGTH} characters long`);
	}
	// Browsers silently drop tabs and line breaks inside an address: refuse them rather than guess.
	const control = CONTROL.exec(text);
	if (control) {
		refuse(
			`must not contain control characters, but contains ${CONTROL_NAMES[control[0]] ?? `the control character ${codePoint(control[0])}`}`,
		);
	}
	if (LONE_SURROGATE.test(text))
		refuse('contains a broken character (half of a UTF-16 surrogate pair)');
	const scheme = /^(https?):\/\/([^/?#]*)/i.exec(text);
	if (!scheme) refuse(`${URL_RULE}, but is ${describeValue(text)}`);
	const authority = scheme[2];
	if (authority === '')
		refuse(`must have a host after ${scheme[1]}://, but is ${describeValue(text)}`);
	if (authority.includes('@')) refuse('must not contain a user name or password before the host');
	if (/[\\\s]/.test(authority)) {
		refuse(`must have a valid host name, but has ${describeValue(authority)}`);
	}
	let parsed: URL;
	try {
		parsed = new URL(text);
	} catch {
		refuse(`${URL_RULE}, but is ${describeValue(text)}`);
	}
	const host = parsed.hostname;
	const validHost =
		(host.startsWith('[') && host.endsWith(']')) ||
		(host !== '' &&
			host
				.replace(/\.$/, '')
				.split('.')
				.every((label) => HOST_LABEL.test(label)));
	if (!validHost) refuse(`must have a valid host name, but has ${describeValue(authority)}`);
	return text;
}

const API_PATH_START =
	"must be a path under the credential's API Base URL like /User/Score/v1/Plus/ByOpenUserID/";
const API_PATH_RULE = `${API_PATH_START}: one leading /, then names of letters, digits, - . _ ~ between single slashes; no .. or . segments, no query (?) or fragment (#)`;

function apiPathOf(value: unknown, refuse: Refuse): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') refuse(`${API_PATH_RULE}, not ${describeValue(value)}`);
	const path = value.trim();
	if (path === '') return undefined;
	if (path.length > MAX_PATH_LENGTH) refuse(`must be at most ${MAX_PATH_LENGTH} characters long`);
	if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) {
		refuse(
			`${API_PATH_START}, without a scheme or host (the host comes from the credential), but is ${describeValue(path)}`,
		);
	}
	const segments = path.split('/').slice(1);
	if (!API_PATH.test(path) || segments.some((segment) => segment === '.' || segment === '..')) {
		refuse(`${API_PATH_RULE}, but is ${describeValue(path)}`);
	}
	return path;
}

function optionList(values: readonly ChoiceValue[], options?: INodePropertyOptions[]): string {
	return values
		.map((choice) => {
			const option = options?.find((candidate) => candidate.value === choice);
			const shown = typeof choice === 'string' ? choice : String(choice);
			return option && option.name !== shown ? `${shown} (${option.name})` : shown;
		})
		.join(', ');
}

function choiceOf<T extends ChoiceValue>(
	value: unknown,
	refuse: Refuse,
	values: readonly T[],
	options?: INodePropertyOptions[],
): T | undefined {
	if (isEmpty(value)) return undefined;
	const rule = `must be one of ${optionList(values, options)}`;
	if (typeof value !== 'string' && typeof value !== 'number') {
		refuse(`${rule}, not ${describeValue(value)}`);
	}
	const exact = values.find((choice) => choice === value);
	if (exact !== undefined) return exact;
	// A code from a spreadsheet arrives as text: "2" picks the code 2.
	const text = String(value).trim();
	const loose = values.find((choice) =>
		typeof choice === 'number'
			? INTEGER_TEXT.test(text) && Number(text) === choice
			: choice === text,
	);
	if (loose === undefined) refuse(`${rule}, but is ${describeValue(value)}`);
	return loose;
}

function choiceListOf<T extends ChoiceValue>(
	value: unknown,
	refuse: Refuse,
	values: readonly T[],
	options?: INodePropertyOptions[],
): T[] | undefined {
	if (isEmpty(value)) return undefined;
	const list: unknown[] = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(/[,，]/).filter((part) => part.trim() !== '')
			: typeof value === 'number'
				? [value]
				: refuse(
						`must be a list of ${optionList(values, options)} (or that text, comma-separated), not ${describeValue(value)}`,
					);
	if (list.length === 0) return undefined;
	return list.map((entry) => {
		const choice = choiceOf(entry, refuse, values, options);
		if (choice === undefined)
			refuse(`must not contain empty entries, but contains ${describeValue(entry)}`);
		return choice;
	});
}

const BOOLEAN_RULE = 'must be true or false (or 1 or 0)';

function booleanOf(value: unknown, refuse: Refuse): boolean | undefined {
	if (isEmpty(value)) return undefined;
	if (typeof value === 'boolean') return value;
	if (value === 1 || value === 0) return value === 1;
	if (typeof value === 'string') {
		const text = value.trim().toLowerCase();
		if (text === 'true' || text === '1') return true;
		if (text === 'false' || text === '0') return false;
	}
	refuse(`${BOOLEAN_RULE}, not ${describeValue(value)}`);
}

const ID_LIST_RULE = 'must be whole-number IDs of at least 1, like 30,31,32 or a list of numbers';

function idListOf(value: unknown, refuse: Refuse): number[] | undefined {
	if (isEmpty(value)) return undefined;
	let parts: unknown[];
	if (Array.isArray(value)) {
		parts = value;
	} else if (typeof value === 'number') {
		parts = [value];
	} else if (typeof value === 'string') {
		const text = value.trim();
		// An expression that stringified a list: "[30, 31]".
		const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
		parts = inner.split(/[,，、;\s]+/).filter((part) => part !== '');
	} else {
		refuse(`${ID_LIST_RULE}, not ${describeValue(value)}`);
	}
	if (parts.length === 0) return undefined;
	return parts.map((part) => {
		const id = typeof part === 'string' && /^\d+$/.test(part.trim()) ? Number(part.trim()) : part;
		if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) {
			refuse(`${ID_LIST_RULE}, but contains ${describeValue(part)}`);
		}
		return id;
	});
}

const JSON_RULE = 'must be a JSON object like {"Key": "value"}';

/** Refuses what JSON cannot carry and JSON.stringify would silently change (NaN, dates, undefined). */
function checkJsonValue(value: unknown, at: string, refuse: Refuse, depth = 0): void {
	if (depth > 64) refuse(`is nested more than 64 levels deep at ${at}`);
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
	if (typeof value === 'number') {
		if (!Number.isFinite(value))
			refuse(`holds ${describeValue(value)} at ${at}, which JSON cannot carry`);
		return;
	}
	if (Array.isArray(value)) {
		value.forEach((entry, index) => checkJsonValue(entry, `${at}[${index}]`, refuse, depth + 1));
		return;
	}
	if (isPlainObject(value)) {
		for (const [key, entry] of Object.entries(value)) {
			checkJsonValue(entry, `${at}.${key}`, refuse, depth + 1);
		}
		return;
	}
	refuse(`holds ${describeValue(value)} at ${at}, which is not a JSON value: give it as text`);
}

function jsonObjectOf(value: unknown, refuse: Refuse): IDataObject | undefined {
	if (value === undefined || value === null) return undefined;
	let object: unknown = value;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') return undefined;
		try {
			object = JSON.parse(text);
		} catch (error) {
			refuse(`${JSON_RULE}, but is not valid JSON: ${(error as Error).message}`);
		}
	}
	if (!isPlainObject(object)) refuse(`${JSON_RULE}, not ${describeValue(object)}`);
	checkJsonValue(object, 'the top', refuse);
	return object;
}

// --- the parameters of one item

interface PropertyPath {
	labels: string[];
	property?: INodeProperties;
}

const pathCache = new WeakMap<INodeProperties[], Map<string, PropertyPath>>();
const constantNamesCache = new WeakMap<INodeProperties[], Set<string>>();

/** The property at `a.b.c` (collection options and fixed-collection groups included) and its display names. */
function resolvePath(properties: INodeProperties[], name: string): PropertyPath {
	const labels: string[] = [];
	let level: Array<INodeProperties | INodePropertyOptions> | undefined = properties;
	let property: INodeProperties | undefined;
	for (const part of name.split('.')) {
		const found = level?.find(
			(candidate) => 'name' in candidate && candidate.name === part && 'displayName' in candidate,
		) as (INodeProperties & { values?: INodeProperties[] }) | undefined;
		labels.push(found?.displayName ?? part);
		property = found?.type ? found : undefined;
		level = found?.values ?? (found?.options as typeof level);
	}
	return { labels, property };
}

/** Readers for one collection's fields; every field is optional, so each returns undefined when absent or empty. */
export interface CollectionReaders {
	values: IDataObject;
	has(field: string): boolean;
	text(field: string, options?: TextOptions): string | undefined;
	optionalText(field: string, options?: TextOptions): string | undefined;
	mobile(field: string): string | undefined;
	optionalMobile(field: string): string | undefined;
	integer(field: string, options?: IntegerOptions): number | undefined;
	optionalInteger(field: string, options?: IntegerOptions): number | undefined;
	number(field: string, options?: NumberOptions): number | undefined;
	optionalNumber(field: string, options?: NumberOptions): number | undefined;
	date(field: string): string | undefined;
	optionalDate(field: string): string | undefined;
	chinaDateTime(field: string): string | undefined;
	optionalChinaDateTime(field: string): string | undefined;
	url(field: string): string | undefined;
	choice<T extends ChoiceValue>(field: string, values?: readonly T[]): T | undefined;
	optionalChoice<T extends ChoiceValue>(field: string, values?: readonly T[]): T | undefined;
	choices<T extends ChoiceValue>(field: string, values?: readonly T[]): T[] | undefined;
	boolean(field: string): boolean | undefined;
	optionalBoolean(field: string): boolean | undefined;
	idList(field: string): number[] | undefined;
	jsonObject(field: string): IDataObject | undefined;
}

/**
 * One item's parameters, each read as the kind of value it is. Every problem is a
 * NodeOperationError that names the field as the editor shows it ("Collection › Field"), the item
 * as the editor counts it (the first is item 1) and the rule the value broke, raised before any
 * request is sent.
 */
export class ItemParameters {
	/** `runConstants`: one map shared by all items of a run, for parameters that cannot vary per item. */
	constructor(
		private readonly context: ParameterSource,
		readonly itemIndex: number,
		private readonly properties: INodeProperties[],
		private readonly runConstants?: Map<string, unknown>,
	) {}

	private path(name: string): PropertyPath {
		let paths = pathCache.get(this.properties);
		if (!paths) {
			paths = new Map();
			pathCache.set(this.properties, paths);
		}
		let path = paths.get(name);
		if (!path) {
			path = resolvePath(this.properties, name);
			paths.set(name, path);
		}
		return path;
	}

	/** The field's display name, so errors speak the user's language: `updateFields.birthday` reads "Update Fields › Birthday". */
	label(name: string): string {
		return this.path(name).labels.join(' › ');
	}

	fail(name: string, problem: string, description?: string): never {
		throw new NodeOperationError(
			this.context.getNode(),
			`"${this.label(name)}" ${problem} (item ${this.itemIndex + 1})`,
			{ itemIndex: this.itemIndex, description },
		);
	}

	raw(name: string, fallback?: unknown): unknown {
		if (!this.runConstants || !this.runConstantNames().has(name)) {
			const field = this.jsonField(name);
			if (field !== null) {
				const json = this.context.getInputData?.()[this.itemIndex]?.json;
				// A missing field goes through n8n, which knows what such an expression yields.
				if (json && Object.prototype.hasOwnProperty.call(json, field)) return json[field];
			}
			const template = this.itemTemplate(name);
			const json = template && this.context.getInputData?.()[this.itemIndex]?.json;
			const filled = json ? template!(json) : undefined;
			if (filled) return filled.value;
			return this.context.getNodeParameter(name, this.itemIndex, fallback);
		}
		// Selectors that take no expressions are the same for every item: read them once per run.
		if (!this.runConstants.has(name))
			this.runConstants.set(name, this.context.getNodeParameter(name, this.itemIndex, fallback));
		return this.runConstants.get(name);
	}

	/**
	 * The input field a parameter reads when it is exactly `={{ $json.field }}`, else null; looked
	 * up once per run (n8n's getNode() deep-copies the node on every call).
	 */
	private jsonField(name: string): string | null {
		if (!this.runConstants || !this.context.getInputData) return null;
		const key = `$json:${name}`;
		let field = this.runConstants.get(key) as string | null | undefined;
		if (field === undefined) {
			const value = this.context.getNode().parameters[name];
			const match = typeof value === 'string' ? JSON_FIELD_EXPRESSION.exec(value) : null;
			field = match ? (match[1] ?? match[3]) : null;
			this.runConstants.set(key, field);
		}
		return field;
	}

	/** A collection or list parameter filled from the item's own fields (helpers/itemTemplate.ts), or null. */
	private itemTemplate(name: string): ItemTemplate | null {
		if (!this.runConstants || !this.context.getInputData) return null;
		const key = `template:${name}`;
		let template = this.runConstants.get(key) as ItemTemplate | null | undefined;
		if (template === undefined) {
			template = compileItemTemplate(this.context.getNode().parameters[name], (expression) => {
				const match = JSON_FIELD_EXPRESSION.exec(expression);
				return match ? (match[1] ?? match[3]) : null;
			});
			this.runConstants.set(key, template);
		}
		return template;
	}

	private runConstantNames(): Set<string> {
		let names = constantNamesCache.get(this.properties);
		if (!names) {
			names = new Set(
				this.properties
					.filter((property) => property.noDataExpression)
					.map((property) => property.name),
			);
			constantNamesCache.set(this.properties, names);
		}
		return names;
	}

	/** Runs one kind's check on a value, turning its refusal into this field's error. */
	private check<T>(name: string, read: (refuse: Refuse) => T): T {
		return read((problem) => this.fail(name, problem));
	}

	private required<T>(name: string, value: T | undefined, rule?: string): T {
		if (value === undefined)
			this.fail(name, rule ? `is required: ${rule}` : 'is required but is empty');
		return value;
	}

	/** The options of an options-type field, from its description. */
	private optionsOf(name: string): INodePropertyOptions[] {
		return (this.path(name).property?.options ?? []).filter(
			(option): option is INodePropertyOptions => 'value' in option,
		);
	}

	private choiceValues<T extends ChoiceValue>(name: string, values?: readonly T[]): readonly T[] {
		return values ?? (this.optionsOf(name).map((option) => option.value) as T[]);
	}

	// --- text

	/** A required text: numbers become their text; booleans, lists, objects and null are refused. */
	text(name: string, options?: TextOptions): string {
		return this.required(name, this.optionalText(name, options));
	}

	optionalText(name: string, options?: TextOptions): string | undefined {
		return this.textValue(name, this.raw(name, null), options);
	}

	textValue(name: string, value: unknown, options?: TextOptions): string | undefined {
		return this.check(name, (refuse) => textOf(value, refuse, options));
	}

	/** A phone number: spaces and dashes are dropped, then 5 to 20 digits, optionally after +. */
	mobile(name: string): string {
		return this.required(name, this.optionalMobile(name));
	}

	optionalMobile(name: string): string | undefined {
		return this.mobileValue(name, this.raw(name, null));
	}

	mobileValue(name: string, value: unknown): string | undefined {
		return this.check(name, (refuse) => mobileOf(value, refuse));
	}

	// --- numbers

	/** A whole number; numeric text (digits, optionally signed) from a spreadsheet or an expression counts. */
	integer(name: string, options?: IntegerOptions): number {
		return this.required(name, this.optionalInteger(name, options));
	}

	optionalInteger(name: string, options?: IntegerOptions): number | undefined {
		return this.integerValue(name, this.raw(name, null), options);
	}

	integerValue(name: string, value: unknown, options?: IntegerOptions): number | undefined {
		return this.check(name, (refuse) => numberOf(value, refuse, 'integer', options));
	}

	/** A finite number, decimals allowed; `above: 0` for strictly positive amounts. */
	number(name: string, options?: NumberOptions): number {
		return this.required(name, this.optionalNumber(name, options));
	}

	optionalNumber(name: string, options?: NumberOptions): number | undefined {
		return this.numberValue(name, this.raw(name, null), options);
	}

	numberValue(name: string, value: unknown, options?: NumberOptions): number | undefined {
		return this.check(name, (refuse) => numberOf(value, refuse, 'number', options));
	}

	// --- dates

	/** `yyyy-MM-dd`, a real calendar date, from date text, a date picker or a date-time expression. */
	date(name: string): string {
		return this.required(name, this.optionalDate(name));
	}

	optionalDate(name: string): string | undefined {
		return this.dateValue(name, this.raw(name, null));
	}

	dateValue(name: string, value: unknown): string | undefined {
		return this.check(name, (refuse) => dateOf(value, refuse));
	}

	/**
	 * `yyyy-MM-dd HH:mm:ss` in China Standard Time (UTC+8): n8n/Luxon and JS dates and ISO text
	 * with an offset are converted; text without an offset is China time as written.
	 */
	chinaDateTime(name: string): string {
		return this.required(name, this.optionalChinaDateTime(name));
	}

	optionalChinaDateTime(name: string): string | undefined {
		return this.chinaDateTimeValue(name, this.raw(name, null));
	}

	chinaDateTimeValue(name: string, value: unknown): string | undefined {
		return this.check(name, (refuse) => chinaDateTimeOf(value, refuse));
	}

	// --- addresses

	/** An absolute http(s) address with a valid host and no control characters, as typed (trimmed). */
	url(name: string): string {
		return this.required(name, this.optionalUrl(name));
	}

	optionalUrl(name: string): string | undefined {
		return this.urlValue(name, this.raw(name, null));
	}

	urlValue(name: string, value: unknown): string | undefined {
		return this.check(name, (refuse) => urlOf(value, refuse));
	}

	/** A path on the credential's API host: `/Segment/Segment/`, nothing that could leave that host. */
	apiPath(name: string): string {
		return this.required(
			name,
			this.check(name, (refuse) => apiPathOf(this.raw(name, null), refuse)),
		);
	}

	// --- choices and flags

	/** One of `values` (by default the field's own options); the error lists the choices. */
	choice<T extends ChoiceValue>(name: string, values?: readonly T[]): T {
		const allowed = this.choiceValues(name, values);
		return this.required(
			name,
			this.optionalChoice(name, allowed),
			`choose one of ${optionList(allowed, this.optionsOf(name))}`,
		);
	}

	optionalChoice<T extends ChoiceValue>(name: string, values?: readonly T[]): T | undefined {
		return this.choiceValue(name, this.raw(name, null), values);
	}

	choiceValue<T extends ChoiceValue>(
		name: string,
		value: unknown,
		values?: readonly T[],
	): T | undefined {
		const allowed = this.choiceValues(name, values);
		return this.check(name, (refuse) => choiceOf(value, refuse, allowed, this.optionsOf(name)));
	}

	/** Several of `values` (a multi-options field), from a list or comma-separated text. */
	choicesValue<T extends ChoiceValue>(
		name: string,
		value: unknown,
		values?: readonly T[],
	): T[] | undefined {
		const allowed = this.choiceValues(name, values);
		return this.check(name, (refuse) => choiceListOf(value, refuse, allowed, this.optionsOf(name)));
	}

	/** true or false; "true"/"false" text and 1/0 from spreadsheets count. */
	boolean(name: string): boolean {
		return this.required(name, this.optionalBoolean(name), BOOLEAN_RULE);
	}

	optionalBoolean(name: string): boolean | undefined {
		return this.booleanValue(name, this.raw(name, null));
	}

	booleanValue(name: string, value: unknown): boolean | undefined {
		return this.check(name, (refuse) => booleanOf(value, refuse));
	}

	// --- lists and objects

	/**
	 * IDs as the platform wants them (a list of integers of at least 1), from `30,31,32` text,
	 * one number, or a list of numbers or numeric text.
	 */
	idList(name: string): number[] {
		return this.required(name, this.idListValue(name, this.raw(name, null)));
	}

	idListValue(name: string, value: unknown): number[] | undefined {
		return this.check(name, (refuse) => idListOf(value, refuse));
	}

	/** A plain JSON object, from an object or JSON text; values JSON cannot carry are refused. */
	jsonObject(name: string): IDataObject {
		return this.required(name, this.jsonObjectValue(name, this.raw(name, null)));
	}

	jsonObjectValue(name: string, value: unknown): IDataObject | undefined {
		return this.check(name, (refuse) => jsonObjectOf(value, refuse));
	}

	/** A collection's values; an absent collection is empty, anything but an object is refused. */
	collection(name: string): IDataObject {
		const value = this.raw(name, {});
		if (value === undefined || value === null || value === '') return {};
		if (!isPlainObject(value)) {
			this.fail(name, `must be a collection of fields, not ${describeValue(value)}`);
		}
		return value;
	}

	/**
	 * A collection read once, with checked readers for its optional fields; errors name a field
	 * as "Collection › Field".
	 */
	fields(name: string): CollectionReaders {
		const values = this.collection(name);
		const at = (field: string) => `${name}.${field}`;
		const text = (field: string, options?: TextOptions) =>
			this.textValue(at(field), values[field], options);
		const mobile = (field: string) => this.mobileValue(at(field), values[field]);
		const integer = (field: string, options?: IntegerOptions) =>
			this.integerValue(at(field), values[field], options);
		const number = (field: string, options?: NumberOptions) =>
			this.numberValue(at(field), values[field], options);
		const date = (field: string) => this.dateValue(at(field), values[field]);
		const chinaDateTime = (field: string) => this.chinaDateTimeValue(at(field), values[field]);
		const choice = <T extends ChoiceValue>(field: string, allowed?: readonly T[]) =>
			this.choiceValue(at(field), values[field], allowed);
		const boolean = (field: string) => this.booleanValue(at(field), values[field]);
		return {
			values,
			has: (field) => !isEmpty(values[field]),
			text,
			optionalText: text,
			mobile,
			optionalMobile: mobile,
			integer,
			optionalInteger: integer,
			number,
			optionalNumber: number,
			date,
			optionalDate: date,
			chinaDateTime,
			optionalChinaDateTime: chinaDateTime,
			url: (field) => this.urlValue(at(field), values[field]),
			choice,
			optionalChoice: choice,
			choices: (field, allowed) => this.choicesValue(at(field), values[field], allowed),
			boolean,
			optionalBoolean: boolean,
			idList: (field) => this.idListValue(at(field), values[field]),
			jsonObject: (field) => this.jsonObjectValue(at(field), values[field]),
		};
	}
}
