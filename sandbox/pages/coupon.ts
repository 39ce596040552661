import { optionalStringList } from '../params';
import type { Endpoint } from './endpoint';
import { pageIndexed, positive } from './paging';

/** Coupon put-ins: https://docs.mallcoo.cn/open/api/Coupon.html. */

export const COUPON_ENDPOINTS: readonly Endpoint[] = [
	{
		path: '/Coupon/PutIn/v4/GetAll/',
		title: '获取券模板投放信息V4',
		handle(body, ctx) {
			const ids = optionalStringList(body, 'PICMIDList');
			// Required on the Coupon page (必填 是), though it names defaults 20 and 1.
			const pageSize = positive(body, 'PageSize', undefined, 100);
			const pageIndex = positive(body, 'PageIndex', undefined);
			const wanted = ids && ids.length > 0 ? new Set(ids) : undefined;
			const putIns = wanted ? ctx.mall.putIns.filter((p) => wanted.has(p.PICMID)) : ctx.mall.putIns;
			return pageIndexed(putIns, pageIndex, pageSize, ctx);
		},
	},
];
