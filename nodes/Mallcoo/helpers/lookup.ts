import type { IDataObject } from 'n8n-workflow';

import { LOOKUP_KEYS, type LookupKey } from '../descriptions/fields';
import type { ItemParameters } from './values/itemParameters';

/**
 * The chosen lookup: its path segment (e.g. `ByMobile`) and its body (e.g. `{ Mobile }`).
 * "Find By" is checked against this operation's own options (its description), so a key another
 * operation supports is refused with this operation's choices rather than read as an empty field.
 */
export function readLookup(parameters: ItemParameters): { path: string; body: IDataObject } {
	const key = parameters.choice<string>('findBy') as LookupKey;
	const lookup = LOOKUP_KEYS[key];
	// Identifiers are one line of text; a mobile is 5 to 20 digits.
	const value = key === 'mobile' ? parameters.mobile(key) : parameters.text(key);
	return { path: lookup.path, body: { [lookup.apiName]: value } };
}
