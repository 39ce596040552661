import { chinaDateTime } from '../../credentials/chinaTime';
import { WRITES } from '../counters';
import type { Shop } from '../mall';
import {
	optionalDateTime,
	optionalFilterText,
	optionalInteger,
	optionalNumber,
	requiredDateTime,
	requiredNumber,
	requiredString,
	type Body,
} from '../params';
import { parameterError, Refusal } from '../refusals';
import type { Endpoint, EndpointContext } from './endpoint';
import { memberNotFound } from './lookups';
import { positive } from './paging';

/**
 * Reporting a consumption (https://docs.mallcoo.cn/open/api/Consume.html) and reading a member's
 * consumption records at a shop (https://docs.mallcoo.cn/open/api/Return.html).
 */

type ShopKey = 'McShopID' | 'CrmShopID' | 'DevShopID';

/** 与CrmShopID、DevShopID任其选一必填: exactly one; "" and null count as not given. */
function oneShop(body: Body, ctx: EndpointContext): { shop: Shop; key: ShopKey } {
	const given: Array<[ShopKey, number | string]> = [];
	const mcShopId = optionalInteger(body, 'McShopID');
	if (mcShopId !== undefined) given.push(['McShopID', mcShopId]);
	for (const key of ['CrmShopID', 'DevShopID'] as const) {
		const value = optionalFilterText(body, key);
		if (value !== undefined) given.push([key, value]);
	}
	if (given.length !== 1)
		throw parameterError(
			'McShopID/CrmShopID/DevShopID',
			`三选一必填 (exactly one is required, got ${given.length})`,
		);
	const [key, value] = given[0];
	const shop = ctx.mall.shop(key, value);
	if (!shop) throw new Refusal('shopNotFound', `${key} ${value}`);
	return { shop, key };
}

export const CONSUMPTION_ENDPOINTS: readonly Endpoint[] = [
	{
		path: '/Consume/v1/Data/Inform/',
		title: '消费数据通知',
		handle(body, ctx) {
			const transId = requiredString(body, 'TransID');
			const tradeTime = requiredDateTime(body, 'TradeTime');
			const amount = requiredNumber(body, 'Amount');
			const { shop, key } = oneShop(body, ctx);
			const tradeSerialNo = optionalFilterText(body, 'TradeSerialNo');
			const posId = optionalFilterText(body, 'PosID');
			const payType = optionalInteger(body, 'PayType');
			if (ctx.mall.recordsByTransId.has(transId)) throw new Refusal('duplicateTransId');
			const record = {
				RecordID: ctx.mall.nextRecordId(),
				TransID: transId,
				TradeTime: tradeTime,
				Amount: amount,
				McShopID: shop.McShopID,
				ReportedShopKey: key,
				TradeSerialNo: tradeSerialNo ?? null,
				PosID: posId ?? null,
				PayType: payType ?? null,
				Mobile: null,
				At: chinaDateTime(ctx.now),
			};
			ctx.mall.records.push(record);
			ctx.mall.recordsByTransId.set(transId, record);
			ctx.store.applied.add(WRITES.consumption, transId);
			return undefined;
		},
	},
	{
		path: '/Return/v1/Consume/Records/ByMobile/',
		title: '获取用户在某商户下的消费记录',
		handle(body, ctx) {
			const mobile = requiredString(body, 'Mobile');
			const { shop } = oneShop(body, ctx);
			const start = optionalDateTime(body, 'TradeStartTime');
			const end = optionalDateTime(body, 'TradeEndTime');
			const amount = optionalNumber(body, 'Amount');
			const posId = optionalFilterText(body, 'PosID');
			const serialNo = optionalFilterText(body, 'TradeSerialNo');
			const pageSize = positive(body, 'PageSize', 10);
			const pagingId = optionalInteger(body, 'PagingID') ?? 0;
			if (pagingId < 0) throw parameterError('PagingID', '不能为负数 (must be 0 or more)');
			if (!ctx.store.find('Mobile', mobile)) throw memberNotFound();

			const matching = ctx.mall.records.filter(
				(r) =>
					r.Mobile === mobile &&
					r.McShopID === shop.McShopID &&
					(start === undefined || r.TradeTime >= start) &&
					(end === undefined || r.TradeTime <= end) &&
					(amount === undefined || r.Amount === amount) &&
					(posId === undefined || r.PosID === posId) &&
					(serialNo === undefined || r.TradeSerialNo === serialNo),
			);
			const page = matching.filter((r) => r.RecordID > pagingId).slice(0, pageSize);
			const misreport = ctx.mall.misreport;
			return {
				// ConsumeRecordModel was recovered only up to McShopID: those are the fields served.
				ConsumeRecordList: page.map((r) => ({ TransID: r.TransID, McShopID: r.McShopID })),
				Count: misreport.consumeRecordsCount ?? matching.length,
				PagingID:
					page.length === 0 || misreport.consumeRecordsStuckPagingId
						? pagingId
						: page[page.length - 1].RecordID,
			};
		},
	},
];
