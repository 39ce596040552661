import type { IDataObject } from 'n8n-workflow';

/**
 * A stored collection or list parameter whose strings are all either literal or exactly
 * `={{ $json.field }}`, compiled once per run: it fills itself from an item's own fields, as n8n
 * would evaluate it, without n8n's expression engine (whose cost per expression is the largest
 * part of a node's CPU per item, see README "Where the time goes").
 */
export type ItemTemplate = (json: IDataObject) => { value: unknown } | undefined;

/** An item lacks a field an expression reads: n8n decides what that yields. */
const MISSING = Symbol('missing field');

type Filler = (json: IDataObject) => unknown;

const isPlainObject = (value: unknown): value is IDataObject =>
	Object.prototype.toString.call(value) === '[object Object]';

function compile(value: unknown, fieldOf: (expression: string) => string | null): Filler | null {
	if (typeof value === 'string') {
		// n8n reads any string that starts with "=" as an expression.
		if (!value.startsWith('=')) return () => value;
		const field = fieldOf(value);
		if (field === null) return null;
		return (json) => (Object.prototype.hasOwnProperty.call(json, field) ? json[field] : MISSING);
	}
	if (Array.isArray(value)) {
		const parts = value.map((entry) => compile(entry, fieldOf));
		if (parts.some((part) => part === null)) return null;
		return (json) => {
			const filled = parts.map((part) => part!(json));
			return filled.includes(MISSING) ? MISSING : filled;
		};
	}
	if (isPlainObject(value)) {
		const entries = Object.entries(value).map(
			([key, entry]) => [key, compile(entry, fieldOf)] as const,
		);
		if (entries.some(([, part]) => part === null)) return null;
		return (json) => {
			const filled: IDataObject = {};
			for (const [key, part] of entries) {
				const entry = part!(json);
				if (entry === MISSING) return MISSING;
				filled[key] = entry as IDataObject[string];
			}
			return filled;
		};
	}
	if (value === null || typeof value === 'number' || typeof value === 'boolean') return () => value;
	return null;
}

/**
 * The template of a stored collection or list, or null when it holds any other expression (or
 * is not a collection or list): then n8n evaluates it.
 */
export function compileItemTemplate(
	stored: unknown,
	fieldOf: (expression: string) => string | null,
): ItemTemplate | null {
	if (!Array.isArray(stored) && !isPlainObject(stored)) return null;
	const fill = compile(stored, fieldOf);
	if (!fill) return null;
	return (json) => {
		const value = fill(json);
		return value === MISSING ? undefined : { value };
	};
}
