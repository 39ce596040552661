import type { IDataObject } from 'n8n-workflow';

import type { ProfileField } from '../descriptions/signUpFields';
import type { ItemParameters } from './parameters';

/** `yyyy-MM-dd` from a date picker value, an ISO text, or a Luxon/JS date from an expression. */
function toDay(parameters: ItemParameters, name: string, value: unknown): string {
	const text =
		value instanceof Date
			? value.toISOString()
			: typeof value === 'object' && value
				? String(value)
				: String(value);
	const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})/.exec(text.trim());
	if (!match)
		parameters.fail(name, `must be a date like 1990-01-31, but is ${JSON.stringify(text)}`);
	return `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`;
}

function codeList(parameters: ItemParameters, name: string, value: unknown): number[] {
	const list = Array.isArray(value)
		? value
		: String(value ?? '')
				.split(',')
				.filter((part) => part.trim() !== '');
	return list.map((code) => parameters.integer(name, code));
}

/**
 * The `UserInfo` string: JSON text, UTF-8 URL-encoded as the guide requires.
 * `allText` gives every value as text with booleans as 0/1 and lists comma-joined, which is how
 * the sign-up fields are documented; otherwise numbers stay numbers, as in the update example.
 */
export function encodeUserInfo(
	parameters: ItemParameters,
	collectionName: string,
	fields: ProfileField[],
	allText: boolean,
): string {
	const values = parameters.collection(collectionName);
	const userInfo: IDataObject = {};
	for (const profileField of fields) {
		const value = values[profileField.name];
		if (value === undefined || value === null || value === '') continue;
		const label = `${collectionName}.${profileField.name}`;
		let encoded: string | number;
		switch (profileField.type) {
			case 'number':
			case 'options':
				encoded = parameters.integer(label, value);
				break;
			case 'boolean':
				encoded = value === true || value === 'true' || value === 1 || value === '1' ? 1 : 0;
				break;
			case 'multiOptions':
				encoded = codeList(parameters, label, value).join(',');
				break;
			case 'date':
				encoded = toDay(parameters, label, value);
				break;
			default:
				encoded = String(value).trim();
		}
		userInfo[profileField.apiName] = allText ? String(encoded) : encoded;
	}
	if (Object.keys(userInfo).length === 0) {
		parameters.fail(collectionName, 'needs at least one field: add one with "Add Field"');
	}
	return encodeURIComponent(JSON.stringify(userInfo));
}
