import type { INodeProperties } from 'n8n-workflow';

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
		/** What a typed ID must look like, checked in the editor. */
		pattern?: { regex: string; errorMessage: string };
	},
): INodeProperties {
	const { searchListMethod, placeholder, pattern, ...rest } = field;
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
				...(pattern ? { validation: [{ type: 'regex', properties: pattern }] } : {}),
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
