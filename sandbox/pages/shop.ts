import { optionalInteger } from '../params';
import type { Endpoint } from './endpoint';
import { pageIndexed, positive } from './paging';

/** The mall's shops: https://docs.mallcoo.cn/open/api/Shop.html. */

export const SHOP_ENDPOINTS: readonly Endpoint[] = [
	{
		path: '/Shop/V1/GetList/',
		title: '获取商家列表',
		handle(body, ctx) {
			const commercialTypeId = optionalInteger(body, 'CommercialTypeID');
			const floorId = optionalInteger(body, 'FloorID');
			const blockId = optionalInteger(body, 'BlockID');
			const pageIndex = positive(body, 'PageIndex', 1);
			const shops = ctx.mall.shopList.filter(
				(shop) =>
					(commercialTypeId === undefined || shop.CommercialTypeID === commercialTypeId) &&
					(floorId === undefined || shop.FloorID === floorId) &&
					(blockId === undefined || shop.BlockID === blockId),
			);
			// 分页大小,不填默认获取商场所有商家: no PageSize, every shop (PageIndex is then ignored).
			if (optionalInteger(body, 'PageSize') === undefined) return structuredClone(shops);
			return pageIndexed(shops, pageIndex, positive(body, 'PageSize', undefined), ctx);
		},
	},
];
