import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { camelCase } from './memberProfile/simplify';
import type { ItemParameters } from '../helpers/values/itemParameters';

/** A coded field's documented values and their English labels, e.g. `{ 1: 'Normal', 3: 'Flash Sale' }`. */
export type CodeLabels = Readonly<Record<string, Readonly<Record<number, string>>>>;

/**
 * One list entry with friendly names (`GrouponID` → `grouponId`) and the documented labels of
 * its coded fields; a code the page does not list stays as it came.
 */
export function simplifyEntry(entry: IDataObject, labels: CodeLabels): IDataObject {
	const simple: IDataObject = {};
	for (const [name, value] of Object.entries(entry)) {
		const table = labels[name];
		const code = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		simple[camelCase(name)] =
			table && typeof code === 'number' && table[code] !== undefined ? table[code] : value;
	}
	return simple;
}

/** The Simplify switch of a list whose entries carry coded fields. */
export const simplifyListProperty = (coded: string): INodeProperties => ({
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	noDataExpression: true,
	default: false,
	description: `Whether to return friendly field names and the English labels of ${coded} instead of the data exactly as Mallcoo sends it`,
});

/** The item's output shaping: undefined keeps Mallcoo's own names and codes. */
export function entryShape(
	parameters: ItemParameters,
	labels: CodeLabels,
): ((entry: IDataObject) => IDataObject) | undefined {
	return parameters.optionalBoolean('simplify')
		? (entry) => simplifyEntry(entry, labels)
		: undefined;
}
