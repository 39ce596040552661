import type { IDataObject } from 'n8n-workflow';

import { LOOKUP_KEYS, type LookupKey } from '../descriptions/fields';
import type { ItemParameters } from './parameters';

/** The chosen lookup: its path segment (e.g. `ByMobile`) and its body (e.g. `{ Mobile }`). */
export function readLookup(parameters: ItemParameters): { path: string; body: IDataObject } {
	const key = parameters.raw('findBy') as LookupKey;
	const lookup = LOOKUP_KEYS[key];
	if (!lookup) parameters.fail('findBy', `must be one of ${Object.keys(LOOKUP_KEYS).join(', ')}`);
	const value = key === 'mobile' ? parameters.mobile(key) : parameters.text(key);
	return { path: lookup.path, body: { [lookup.apiName]: value } };
}
