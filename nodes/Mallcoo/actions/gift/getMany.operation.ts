import type { IDataObject } from 'n8n-workflow';

import {
	filtersField,
	pageIndexPager,
	readLimit,
	returnAllProperties,
} from '../../descriptions/list';
import { idLocator, LIST_SEARCH, locatorValue } from '../../descriptions/locators';
import { FROM_VERSION_1_1, VERSION_1 } from '../../descriptions/versions';
import type { ApiOperation } from '../../helpers/types';

/**
 * 礼品列表: https://docs.mallcoo.cn/open/api/Gift.html. PageIndex from 1; PageSize has no
 * documented maximum, so pages are its documented default of 10.
 */
export const getMany: ApiOperation = {
	resource: 'gift',
	operation: 'getMany',
	name: 'Get Many',
	action: 'Get many gifts',
	description: "Get the mall's gifts: name, category, price in points, stock",
	kind: 'read',
	repeat: 'resend',
	properties: [
		...returnAllProperties,
		{
			...filtersField([
				{
					displayName: 'Gift Category ID',
					name: 'giftCategoryId',
					type: 'number',
					default: 0,
					description: 'Mallcoo: GiftCategoryID. Only gifts of this category.',
				},
			]),
			displayOptions: { show: VERSION_1 },
		},
		{
			...filtersField([
				{
					...idLocator({
						displayName: 'Gift Category ID',
						name: 'giftCategoryId',
						description:
							"Only gifts of this category: pick it from the mall's gift categories, or enter its ID",
						hint: 'Mallcoo: GiftCategoryID',
						searchListMethod: LIST_SEARCH.giftCategories,
						placeholder: '1',
						pattern: {
							regex: '^\\s*[0-9]+\\s*$',
							errorMessage: 'A gift category ID is a whole number',
						},
					}),
					required: false,
				},
			]),
			displayOptions: { show: FROM_VERSION_1_1 },
		},
	],
	pager: pageIndexPager(10, 'GiftID'),
	buildRequest(parameters) {
		const body: IDataObject = {};
		// A number on 1.0, a picker on 1.1; an empty picker filters nothing.
		const category = 'filters.giftCategoryId';
		const categoryId = parameters.integerValue(
			category,
			locatorValue(parameters.raw(category, null)),
		);
		if (categoryId !== undefined) body.GiftCategoryID = categoryId;
		return { path: '/Gift/V1/GetList/', body, limit: readLimit(parameters) };
	},
};
