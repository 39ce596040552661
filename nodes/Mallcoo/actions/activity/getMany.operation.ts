import type { IDataObject } from 'n8n-workflow';

import {
	filtersField,
	pageIndexPager,
	readLimit,
	returnAllProperties,
} from '../../descriptions/list';
import { entryShape, simplifyListProperty } from '../../descriptions/codeLabels';
import type { ApiOperation } from '../../helpers/types';
import { ACTIVITY_LABELS, ACTIVITY_STATES, CLIENT_CODE_NOTE } from '../../descriptions/activity';

/**
 * 获取活动列表, `Event/Activity/V1/GetList/`: PageIndex from 1 and PageSize, default 10 (no
 * maximum known), so pages are of 10.
 */
export const getMany: ApiOperation = {
	resource: 'activity',
	operation: 'getMany',
	name: 'Get Many',
	action: 'Get many activities',
	description: `Get the mall's activities: name, state, times, category. ${CLIENT_CODE_NOTE}`,
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
				description: `Mallcoo: ActivityCategoryID. Only activities of this category. ${CLIENT_CODE_NOTE}`,
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'options',
				default: 2,
				options: [...ACTIVITY_STATES],
				description: `Mallcoo: State. Only activities in this state. ${CLIENT_CODE_NOTE}`,
			},
			{
				displayName: 'Sub-Category ID',
				name: 'subCategoryId',
				type: 'number',
				default: 0,
				description: `Mallcoo: ActivitySubCategoryID. Only activities of this sub-category. ${CLIENT_CODE_NOTE}`,
			},
		]),
		simplifyListProperty('the state (Upcoming, Ongoing, Ended)'),
	],
	pager: pageIndexPager(10, 'ActivityID'),
	buildRequest(parameters) {
		const body: IDataObject = {};
		const categoryId = parameters.optionalInteger('filters.categoryId', { min: 1 });
		const subCategoryId = parameters.optionalInteger('filters.subCategoryId', { min: 1 });
		const state = parameters.fields('filters').choice('state', [1, 2, 3]);
		if (categoryId !== undefined) body.ActivityCategoryID = categoryId;
		if (subCategoryId !== undefined) body.ActivitySubCategoryID = subCategoryId;
		if (state !== undefined) body.State = state;
		return {
			path: '/Event/Activity/V1/GetList/',
			body,
			limit: readLimit(parameters),
			outputEntry: entryShape(parameters, ACTIVITY_LABELS),
		};
	},
};
