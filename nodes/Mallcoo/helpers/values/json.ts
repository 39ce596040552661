import type { IDataObject } from 'n8n-workflow';

import { describeValue, isPlainObject, type Refuse } from './wording';

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

/** A plain JSON object, from an object or JSON text; values JSON cannot carry are refused. */
export function jsonObjectOf(value: unknown, refuse: Refuse): IDataObject | undefined {
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
