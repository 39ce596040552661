import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemParameters } from '../helpers/values/itemParameters';
import { term } from './common';
import { idLocator, isLocator, LIST_SEARCH, locatorText } from './locators';
import { FROM_VERSION_1_1, VERSION_1 } from './versions';

/** The three shop identifiers of which the Consume and Return pages want exactly one (任其选一必填). */
export const SHOP_ID_TYPES = {
	mcShopId: { name: 'Mallcoo Shop ID', apiName: 'McShopID' },
	crmShopId: { name: 'CRM Shop ID', apiName: 'CrmShopID' },
	devShopId: { name: 'Developer Shop ID', apiName: 'DevShopID' },
} as const;

export type ShopIdType = keyof typeof SHOP_ID_TYPES;

export const shopIdProperties: INodeProperties[] = [
	{
		displayName: 'Shop ID Type',
		name: 'shopIdType',
		type: 'options',
		noDataExpression: true,
		default: 'mcShopId',
		description: 'Which of the three shop identifiers to send; Mallcoo takes exactly one',
		options: (Object.keys(SHOP_ID_TYPES) as ShopIdType[]).map((value) => ({
			name: SHOP_ID_TYPES[value].name,
			value,
			description: term(SHOP_ID_TYPES[value].apiName),
		})),
	},
	{
		displayName: 'Shop ID',
		name: 'shopId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1000053',
		description:
			'The shop, in the identifier chosen above. A Mallcoo Shop ID is a whole number; a Developer Shop ID must first be imported into Mallcoo by the mall.',
		displayOptions: { show: VERSION_1 },
	},
	{
		...idLocator({
			displayName: 'Shop ID',
			name: 'shopId',
			description: "The shop: pick it from the mall's shops, or enter its Mallcoo Shop ID",
			hint: term('McShopID'),
			searchListMethod: LIST_SEARCH.shops,
			placeholder: '1000053',
			pattern: { regex: '^\\s*[0-9]+\\s*$', errorMessage: 'A Mallcoo Shop ID is a whole number' },
		}),
		displayOptions: { show: { ...FROM_VERSION_1_1, shopIdType: ['mcShopId'] } },
	},
	{
		displayName: 'Shop ID',
		name: 'shopId',
		type: 'string',
		default: '',
		required: true,
		description:
			"The shop, in the identifier chosen above. A Developer Shop ID must first be imported into Mallcoo by the mall; the mall's CRM knows its own shop IDs.",
		displayOptions: { show: { ...FROM_VERSION_1_1, shopIdType: ['crmShopId', 'devShopId'] } },
	},
];

const SHOP_ID_TYPE_VALUES = Object.keys(SHOP_ID_TYPES) as ShopIdType[];

/**
 * The chosen identifier as its body key: McShopID is typed long on the Consume page
 * (https://docs.mallcoo.cn/open/api/Consume.html), so it is sent as a whole number; CrmShopID
 * and DevShopID are text.
 */
export function readShop(parameters: ItemParameters): IDataObject {
	const type = parameters.choice('shopIdType', SHOP_ID_TYPE_VALUES);
	const apiName = SHOP_ID_TYPES[type].apiName;
	// A picker's value on 1.1 (From List or By ID); plain text on 1.0 and for CRM and developer IDs.
	const id = isLocator(parameters.raw('shopId', ''))
		? locatorText(parameters, 'shopId')
		: parameters.text('shopId');
	if (type === 'mcShopId') {
		if (!/^\d+$/.test(id) || Number(id) < 1 || !Number.isSafeInteger(Number(id)))
			parameters.fail(
				'shopId',
				`must be a positive whole number for a Mallcoo Shop ID, but is "${id}"`,
			);
		return { [apiName]: Number(id) };
	}
	return { [apiName]: id };
}
