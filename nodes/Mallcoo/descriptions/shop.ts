import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemParameters } from '../helpers/values/itemParameters';
import { term } from './common';

/** The three shop identifiers of which the Consume and Return pages want exactly one (任其选一必填). */
export const SHOP_ID_TYPES = {
	mcShopId: { name: 'Mallcoo Shop ID', apiName: 'McShopID', chinese: '猫酷商户编号' },
	crmShopId: { name: 'CRM Shop ID', apiName: 'CrmShopID', chinese: '商场CRM商户编号' },
	devShopId: { name: 'Developer Shop ID', apiName: 'DevShopID', chinese: '开发者商户编号' },
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
			description: term(SHOP_ID_TYPES[value].apiName, SHOP_ID_TYPES[value].chinese),
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
	const id = parameters.text('shopId');
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
