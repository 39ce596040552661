import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { SIGN_UP_FIELDS } from './profileFields';

/**
 * The coded fields of a member's data, by Mallcoo's name, with their labels: the same table as
 * the sign-up fields (the User API page lists the codes once, under 根据手机号获取用户资料).
 */
const CODED_FIELDS: Record<string, INodePropertyOptions[]> = Object.fromEntries(
	SIGN_UP_FIELDS.flatMap((field) => (field.options ? [[field.apiName, field.options]] : [])),
);

/** `OpenUserID` → `openUserId`, `WXOpenID` → `wxOpenId`, `CarNO` → `carNo`, `Remark1` → `remark1`. */
export function camelCase(name: string): string {
	const words = name.match(/[A-Z]+(?![a-z])|[A-Z][a-z]*|[a-z]+|\d+/g) ?? [name];
	return words
		.map((word, index) =>
			index === 0 ? word.toLowerCase() : word[0].toUpperCase() + word.slice(1).toLowerCase(),
		)
		.join('');
}

/** A code's English label; the raw value where the documents give it no label. */
function label(options: INodePropertyOptions[], value: unknown): unknown {
	const code = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return options.find((option) => option.value === code)?.name ?? value;
}

function labelled(name: string, value: unknown): unknown {
	const options = CODED_FIELDS[name];
	if (!options || value === null || value === undefined || value === '') return value;
	if (name.endsWith('List')) {
		// Lists come as arrays, or as comma-joined codes as in the sign-up fields.
		const codes = Array.isArray(value) ? value : String(value).split(',');
		return codes.map((code) => label(options, code));
	}
	return label(options, value);
}

/** Mallcoo's data with friendly names and the labels of its coded values. */
export function simplify(data: IDataObject): IDataObject {
	const simple: IDataObject = {};
	for (const [name, value] of Object.entries(data)) {
		simple[camelCase(name)] = labelled(name, value) as IDataObject[string];
	}
	return simple;
}
