import type { IDataObject } from 'n8n-workflow';

/**
 * A stored collection or list parameter whose strings are all either literal or exactly
 * `={{ $json.field }}`, compiled once per run: it fills itself from an item's own fields, as n8n
 * would evaluate it, without n8n's expression engine (whose cost per expression is the largest
 * part of a node's CPU per item, see README "Where the time goes").
 */
export type ItemTemplate = (json: IDataObject) => { value: unknown } | undefined;

type Filler = (json: IDataObject) => unknown;

/** An item lacks a field an expression reads: n8n decides what that yields. */
const MISSING = Symbol('missing field');

const isPlainObject = (value: unknown): value is IDataObject =>
	Object.prototype.toString.call(value) === '[object Object]';

function compile(value: unknown, fieldOf: (expression: string) => string | null): Filler | null {
	if (typeof value === 'string') {
		// n8n reads any string that starts with "=" as an expression.
		if (!value.startsWith('=')) return () => value;
		const field = fieldOf(value);
		if (field === null) return null;
		return (json) => {
			if (!Object.prototype.hasOwnProperty.call(json, field)) throw MISSING;
			return json[field];
		};
	}
	if (Array.isArray(value)) {
		const parts = value.map((entry) => compile(entry, fieldOf));
		if (parts.some((part) => part === null)) return null;
		return (json) => parts.map((part) => part!(json));
	}
	if (isPlainObject(value)) {
		const entries = Object.entries(value).map(
			([key, entry]) => [key, compile(entry, fieldOf)] as const,
		);
		if (entries.some(([, part]) => part === null)) return null;
		return (json) => Object.fromEntries(entries.map(([key, part]) => [key, part!(json)]));
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
		try {
			return { value: fill(json) };
		} catch (error) {
			if (error === MISSING) return undefined;
			throw error;
		}
	};
}
