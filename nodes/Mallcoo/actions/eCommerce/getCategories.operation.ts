import type { IDataObject } from 'n8n-workflow';

import { singleListPager } from '../../descriptions/list';
import type { ApiOperation } from '../../helpers/types';

/**
 * 获取第一级分类接口 and 获取第二级分类接口: http://docs.mallcoo.cn/open/api/Shopping.html. Both
 * return enabled categories only, the whole list at once.
 */
export const getCategories: ApiOperation = {
	resource: 'eCommerce',
	operation: 'getCategories',
	name: 'Get Categories',
	action: 'Get e-commerce categories',
	description: "Get the mall's online-shop categories, first level or second level, one item each",
	kind: 'read',
	repeat: 'resend',
	properties: [
		{
			displayName: 'Level',
			name: 'level',
			type: 'options',
			noDataExpression: true,
			default: 'first',
			options: [
				{
					name: 'First Level',
					value: 'first',
					description: 'Mallcoo: Parent/GetList',
				},
				{
					name: 'Second Level',
					value: 'second',
					description: 'Mallcoo: Child/GetList',
				},
			],
		},
		{
			displayName: 'Parent Category ID',
			name: 'parentId',
			type: 'number',
			default: 0,
			displayOptions: { show: { level: ['second'] } },
			description:
				'The first-level category whose children to get; 0 gets every second-level category',
			hint: 'Mallcoo: ParentID',
		},
	],
	pager: singleListPager,
	buildRequest(parameters) {
		if (parameters.choice('level', ['first', 'second'] as const) === 'first')
			return { path: '/Shopping/Category/v1/Parent/GetList', body: {} };
		const body: IDataObject = { ParentID: parameters.optionalInteger('parentId', { min: 0 }) ?? 0 };
		return { path: '/Shopping/Category/v1/Child/GetList', body };
	},
};
