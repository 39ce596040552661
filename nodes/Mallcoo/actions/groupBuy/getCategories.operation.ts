import { singleListPager } from '../../descriptions/list';
import type { ApiOperation } from '../../helpers/types';

/** 团购分类列表: https://docs.mallcoo.cn/open/api/Groupon.html. No parameters; Data is the whole list. */
export const getCategories: ApiOperation = {
	resource: 'groupBuy',
	operation: 'getCategories',
	name: 'Get Categories',
	action: 'Get group-buy categories',
	description: "Get the mall's group-buy categories (ID, name, weight), one item each",
	kind: 'read',
	repeat: 'resend',
	properties: [],
	pager: singleListPager,
	buildRequest() {
		// The page writes this path without a trailing slash.
		return { path: '/Groupon/v1/GetCategoryList', body: {} };
	},
};
