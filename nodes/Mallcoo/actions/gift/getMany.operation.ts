import type { IDataObject } from 'n8n-workflow';

import {
	filtersField,
	pageIndexPager,
	readLimit,
	returnAllProperties,
} from '../../descriptions/list';
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
		filtersField([
			{
				displayName: 'Gift Category ID',
				name: 'giftCategoryId',
				type: 'number',
				default: 0,
				description: 'Mallcoo: GiftCategoryID (礼品分类ID). Only gifts of this category.',
			},
		]),
	],
	pager: pageIndexPager(10, 'GiftID'),
	buildRequest(parameters) {
		const body: IDataObject = {};
		const categoryId = parameters.optionalInteger('filters.giftCategoryId');
		if (categoryId !== undefined) body.GiftCategoryID = categoryId;
		return { path: '/Gift/V1/GetList/', body, limit: readLimit(parameters) };
	},
};
