import type { IDataObject } from 'n8n-workflow';

import {
	filtersField,
	pageIndexPager,
	readLimit,
	returnAllProperties,
} from '../../descriptions/list';
import { entryShape, simplifyListProperty, type CodeLabels } from '../../descriptions/codeLabels';
import type { ApiOperation } from '../../helpers/types';

/**
 * TuanType and Type (团购类型: 1 普通, 3 秒杀), and ShelfStatus (上下架状态: 1 上架, 0 下架), as the
 * Groupon page lists them.
 */
const GROUP_BUY_TYPES = [
	{ name: 'Normal', value: 1 },
	{ name: 'Flash Sale', value: 3 },
] as const;

const GROUP_BUY_LABELS: CodeLabels = {
	Type: Object.fromEntries(GROUP_BUY_TYPES.map((type) => [type.value, type.name])),
	ShelfStatus: { 1: 'On Shelf', 0: 'Off Shelf' },
};

/**
 * 团购列表: https://docs.mallcoo.cn/open/api/Groupon.html. PageIndex and PageSize are required
 * there, with defaults 1 and 10 and no maximum, so pages are of 10.
 */
export const getMany: ApiOperation = {
	resource: 'groupBuy',
	operation: 'getMany',
	name: 'Get Many',
	action: 'Get many group-buys',
	description: "Get the mall's group-buys: name, category, type, shelf status, times",
	kind: 'read',
	repeat: 'resend',
	properties: [
		...returnAllProperties,
		filtersField([
			{
				displayName: 'Category ID',
				name: 'categoryId',
				type: 'number',
				default: 0,
				description: 'Mallcoo: CategoryID. Only group-buys of this category.',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				default: 1,
				options: [...GROUP_BUY_TYPES],
				description: 'Mallcoo: TuanType. Only group-buys of this type.',
			},
		]),
		simplifyListProperty('the type (Normal, Flash Sale) and shelf status (On Shelf, Off Shelf)'),
	],
	pager: pageIndexPager(10, 'GrouponID'),
	buildRequest(parameters) {
		const body: IDataObject = {};
		const type = parameters.fields('filters').choice('type', [1, 3]);
		const categoryId = parameters.optionalInteger('filters.categoryId', { min: 1 });
		if (type !== undefined) body.TuanType = type;
		if (categoryId !== undefined) body.CategoryID = categoryId;
		// The page writes this path without a trailing slash.
		return {
			path: '/Groupon/v1/GetList',
			body,
			limit: readLimit(parameters),
			outputEntry: entryShape(parameters, GROUP_BUY_LABELS),
		};
	},
};
