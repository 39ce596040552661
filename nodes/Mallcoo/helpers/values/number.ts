import { describeValue, isEmpty, type Refuse } from './wording';

export interface IntegerOptions {
	min?: number;
	max?: number;
}

export interface NumberOptions extends IntegerOptions {
	/** The value must be strictly greater than this (`above: 0` for amounts and points). */
	above?: number;
}

export const INTEGER_TEXT = /^[+-]?\d+$/;
const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

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

/** A whole number or any finite number; numeric text (from a spreadsheet or an expression) counts. */
export function numberOf(
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
