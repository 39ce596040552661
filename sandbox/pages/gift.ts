import { optionalInteger } from '../params';
import type { Endpoint } from './endpoint';
import { pageIndexed, positive } from './paging';

/** Gift categories and gifts: https://docs.mallcoo.cn/open/api/Gift.html. */

export const GIFT_ENDPOINTS: readonly Endpoint[] = [
	{
		path: '/Gift/V1/GetCategoryList/',
		title: '礼品分类列表',
		handle: (_body, ctx) => ctx.mall.giftCategories(),
	},
	{
		path: '/Gift/V1/GetList/',
		title: '礼品列表',
		handle(body, ctx) {
			const categoryId = optionalInteger(body, 'GiftCategoryID');
			const pageSize = positive(body, 'PageSize', 10);
			const pageIndex = positive(body, 'PageIndex', 1);
			const gifts =
				categoryId === undefined
					? ctx.mall.giftList
					: ctx.mall.giftList.filter((gift) => gift.GiftCategoryID === categoryId);
			return pageIndexed(gifts, pageIndex, pageSize, ctx);
		},
	},
];
