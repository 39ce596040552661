import { singleListPager } from '../../descriptions/list';
import type { ApiOperation } from '../../helpers/types';

/** 礼品分类列表: https://docs.mallcoo.cn/open/api/Gift.html. No parameters; Data is the whole list. */
export const getCategories: ApiOperation = {
	resource: 'gift',
	operation: 'getCategories',
	name: 'Get Categories',
	action: 'Get gift categories',
	description: "Get the mall's gift categories, one item each",
	kind: 'read',
	repeat: 'resend',
	properties: [],
	pager: singleListPager,
	buildRequest() {
		return { path: '/Gift/V1/GetCategoryList/', body: {} };
	},
};
