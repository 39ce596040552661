import type { IDataObject } from 'n8n-workflow';

/**
 * Every kind of value is read the same way: empty gives undefined, a value of the wrong kind is
 * refused with a sentence that ends the field's error ("must be ..., but is ..."), anything else
 * comes back checked. `Refuse` is how a kind says no; ItemParameters turns it into the field's error.
 */
export type Refuse = (problem: string) => never;

/** A Luxon DateTime from an expression ($now, $today, DateTime.fromISO(...)), without importing Luxon. */
export interface DateTimeLike {
	isLuxonDateTime: true;
	isValid: boolean;
	toMillis(): number;
	toISODate(): string | null;
	toISO(): string | null;
}

export const isDateTimeLike = (value: unknown): value is DateTimeLike =>
	typeof value === 'object' &&
	value !== null &&
	(value as { isLuxonDateTime?: unknown }).isLuxonDateTime === true;

export const isPlainObject = (value: unknown): value is IDataObject =>
	Object.prototype.toString.call(value) === '[object Object]' && !isDateTimeLike(value);

export const isEmpty = (value: unknown) =>
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
