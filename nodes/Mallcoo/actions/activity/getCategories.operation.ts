import type { IDataObject } from 'n8n-workflow';

import { filtersField, singleListPager } from '../../descriptions/list';
import type { ApiOperation } from '../../helpers/types';
import { CLIENT_CODE_NOTE } from '../../descriptions/activity';

/** 获取活动分类, `Event/Activity/V1/GetCategoryList/`: Data is the whole list. */
export const getCategories: ApiOperation = {
	resource: 'activity',
	operation: 'getCategories',
	name: 'Get Categories',
	action: 'Get activity categories',
	description: `Get the mall's activity categories, or the sub-categories of one, one item each. ${CLIENT_CODE_NOTE}`,
	kind: 'read',
	repeat: 'resend',
	properties: [
		filtersField([
			{
				displayName: 'Parent Category ID',
				name: 'parentId',
				type: 'number',
				default: 0,
				description: `Mallcoo: ParentID. The sub-categories of this category; without it, the first-level categories. ${CLIENT_CODE_NOTE}`,
			},
		]),
	],
	pager: singleListPager,
	buildRequest(parameters) {
		const body: IDataObject = {};
		const parentId = parameters.optionalInteger('filters.parentId', { min: 1 });
		if (parentId !== undefined) body.ParentID = parentId;
		return { path: '/Event/Activity/V1/GetCategoryList/', body };
	},
};
