import type { IDataObject } from 'n8n-workflow';

import type { ProfileField } from './profileFields';
import type { CollectionReaders } from '../../helpers/values/collection';
import type { ItemParameters } from '../../helpers/values/itemParameters';
import type { IntegerOptions } from '../../helpers/values/number';
import type { TextOptions } from '../../helpers/values/text';
import { describeValue } from '../../helpers/values/wording';

/**
 * What each profile field holds beyond its type, from the User API page
 * (https://docs.mallcoo.cn/open/api/User.html) and common sense: an age is 0 to 150, a number of
 * children is not negative; an address and the remarks are free text that may span lines; the
 * other texts (name, ID number, car plate, ...) are one line.
 */
const NUMBER_RULES: Record<string, IntegerOptions> = {
	age: { min: 0, max: 150 },
	childrenCount: { min: 0, max: 100 },
};
const MULTILINE_FIELDS = new Set([
	'address',
	...Array.from({ length: 20 }, (_, index) => `remark${index + 1}`),
]);
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

function textOf(
	readers: CollectionReaders,
	parameters: ItemParameters,
	collectionName: string,
	field: ProfileField,
): string | undefined {
	const options: TextOptions = { multiline: MULTILINE_FIELDS.has(field.name) };
	const text = readers.text(field.name, options);
	if (text !== undefined && field.name === 'email' && !EMAIL.test(text)) {
		parameters.fail(
			`${collectionName}.${field.name}`,
			`must be an e-mail address like name@example.com, but is ${describeValue(text)}`,
		);
	}
	return text;
}

/**
 * The `UserInfo` string: JSON text, UTF-8 URL-encoded as the guide requires.
 * `allText` gives every value as text with booleans as 0/1 and lists comma-joined, which is how
 * the sign-up fields are documented; otherwise numbers stay numbers, as in the update example.
 * Every value is read as the kind its field is: coded fields take only their documented codes
 * (profileCodes.ts), dates are real calendar dates, texts are text.
 */
export function encodeUserInfo(
	parameters: ItemParameters,
	collectionName: string,
	fields: ProfileField[],
	allText: boolean,
): string {
	const readers = parameters.fields(collectionName);
	const userInfo: IDataObject = {};
	for (const profileField of fields) {
		const { name } = profileField;
		if (!(name in readers.values)) continue;
		const codes = profileField.options?.map((option) => option.value as number);
		let encoded: string | number | undefined;
		switch (profileField.type) {
			case 'number':
				encoded = readers.integer(name, NUMBER_RULES[name] ?? { min: 0 });
				break;
			case 'options':
				encoded = readers.choice(name, codes);
				break;
			case 'boolean': {
				const flag = readers.boolean(name);
				encoded = flag === undefined ? undefined : flag ? 1 : 0;
				break;
			}
			case 'multiOptions':
				encoded = readers.choices(name, codes)?.join(',');
				break;
			case 'date':
				encoded = readers.date(name);
				break;
			default:
				encoded = textOf(readers, parameters, collectionName, profileField);
		}
		if (encoded === undefined) continue;
		userInfo[profileField.apiName] = allText ? String(encoded) : encoded;
	}
	if (Object.keys(userInfo).length === 0) {
		parameters.fail(collectionName, 'needs at least one field: add one with "Add Field"');
	}
	return encodeURIComponent(JSON.stringify(userInfo));
}
