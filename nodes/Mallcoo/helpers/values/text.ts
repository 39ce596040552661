import { describeValue, type Refuse } from './wording';

export interface TextOptions {
	/** Most characters allowed (Unicode code points); DEFAULT_MAX_LENGTH unless given. */
	maxLength?: number;
	/**
	 * Free text that may span lines (a remark, an address): tab, line feed and carriage return
	 * are allowed. Without it the text is one line (names, identifiers): no control character at all.
	 */
	multiline?: boolean;
}

/** Text longer than this is refused unless a reader allows more: no Mallcoo field needs more. */
export const DEFAULT_MAX_LENGTH = 2000;

/** 5 to 20 digits, optionally after + (the longest international numbers have 15 digits). */
const PHONE_PATTERN = /^\+?\d{5,20}$/;
const PHONE_RULE =
	'must be a mobile number of 5 to 20 digits, optionally after + (spaces and dashes are ignored)';

// C0 controls, DEL and C1 controls; the multi-line variant lets tab, line feed and carriage return through.
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
export const LONE_SURROGATE =
	/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const codePoint = (character: string) =>
	`U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** A control character as an error message names it: "a tab", "the control character U+001B". */
export const controlName = (character: string) =>
	CONTROL_NAMES[character] ?? `the control character ${codePoint(character)}`;

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
		const what = controlName(control[0]);
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

/** A text: numbers become their text; booleans, lists, objects and null are refused. */
export function textOf(
	value: unknown,
	refuse: Refuse,
	options: TextOptions = {},
): string | undefined {
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

/** A phone number: spaces and dashes are dropped, then 5 to 20 digits, optionally after +. */
export function mobileOf(value: unknown, refuse: Refuse): string | undefined {
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
