import type { INodeProperties } from 'n8n-workflow';

import type { ItemParameters } from '../helpers/values/itemParameters';

/**
 * Pickers for IDs of things the account owns: From List (searchable, loaded from the account
 * through the node's signed engine: methods/listSearch.ts) or By ID; an expression works in
 * either. The list methods are named here and on the node's `methods.listSearch`.
 */
export const LIST_SEARCH = {
	putIns: 'searchPutIns',
	shops: 'searchShops',
	giftCategories: 'searchGiftCategories',
} as const;

export function idLocator(
	field: Pick<INodeProperties, 'displayName' | 'name' | 'description' | 'hint'> & {
		searchListMethod: string;
		placeholder: string;
	},
): INodeProperties {
	const { searchListMethod, placeholder, ...rest } = field;
	return {
		...rest,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder,
			},
		],
	};
}

export const putInIdLocator = (description: string): INodeProperties =>
	idLocator({
		displayName: 'Put-In ID',
		name: 'putInId',
		description,
		hint: 'Mallcoo: PICMID (投放ID), from Coupon → Get Many',
		searchListMethod: LIST_SEARCH.putIns,
		placeholder: 'PICM000001',
	});

/**
 * The value of a resource locator (From List, By ID or an expression), or of a plain text a
 * workflow saved before the parameter was a locator: both are read as the ID itself.
 */
export function locatorText(parameters: ItemParameters, name: string): string {
	const raw = parameters.raw(name, '');
	const value =
		raw !== null && typeof raw === 'object' && !Array.isArray(raw) && '__rl' in raw
			? (raw as { value?: unknown }).value
			: raw;
	const text = parameters.textValue(name, value === '' ? null : value);
	if (text === undefined)
		parameters.fail(name, 'is required: pick one from the list or enter its ID');
	return text;
}
