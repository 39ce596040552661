import { chinaDateTime } from '../../credentials/chinaTime';
import { WRITES } from '../counters';
import type { PosOrder } from '../mall';
import type { Endpoint } from './endpoint';
import { optionalFilterText, requiredInteger, requiredString, type Body } from '../params';
import { parameterError, Refusal } from '../refusals';

/**
 * Smart payment acquiring (智能收单), https://docs.mallcoo.cn/open/api/Pay.html: create an order
 * (生成订单接口) and sync its coupons, discount and payable amount (同步订单信息接口). Amounts are
 * whole fen. The page does not say that a repeated PosOrderID is refused, so the sandbox creates
 * a second order for it: the worst a client has to expect.
 */

function fen(body: Body, name: string, min: number): number {
	const value = requiredInteger(body, name);
	if (value < min) throw parameterError(name, `必须不小于${min} (must be at least ${min} fen)`);
	return value;
}

function couponList(body: Body): Body[] {
	const value = body.CouponList;
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw parameterError('CouponList', '必须是数组 (must be a list)');
	return value.map((coupon, index) => {
		if (!coupon || typeof coupon !== 'object' || Array.isArray(coupon))
			throw parameterError(`CouponList[${index}]`, '必须是对象 (must be an object)');
		for (const key of Object.keys(coupon))
			if (key !== 'VCode' && key !== 'Discount')
				throw parameterError(`CouponList[${index}].${key}`, '未定义的字段 (unknown field)');
		return {
			VCode: requiredString(coupon as Body, 'VCode'),
			Discount: fen(coupon as Body, 'Discount', 0),
		};
	});
}

export const PAY_ENDPOINTS: readonly Endpoint[] = [
	{
		path: '/Pay/Pos/v1/Order/Add',
		title: '生成订单接口',
		handle(body, ctx) {
			const devShopId = requiredString(body, 'DevShopID');
			const posId = requiredString(body, 'PosID');
			const mallCardNo = optionalFilterText(body, 'MallCardNo');
			const posOrderId = requiredString(body, 'PosOrderID');
			const cashierId = requiredString(body, 'CashierID');
			const amount = fen(body, 'Amount', 1);
			if (!ctx.mall.shop('DevShopID', devShopId))
				throw new Refusal('shopNotFound', `DevShopID ${devShopId}`);
			const order: PosOrder = {
				OrderID: `KG${2001001010 + ctx.mall.orders.length}`,
				CreatedTime: chinaDateTime(ctx.now),
				DevShopID: devShopId,
				PosID: posId,
				MallCardNo: mallCardNo ?? null,
				PosOrderID: posOrderId,
				CashierID: cashierId,
				Amount: amount,
				sync: null,
			};
			ctx.mall.orders.push(order);
			ctx.store.applied.add(WRITES.posOrderCreate, posOrderId);
			return { OrderID: order.OrderID, CreatedTime: order.CreatedTime };
		},
	},
	{
		path: '/Pay/Pos/v1/Order/Sync',
		title: '同步订单信息接口',
		handle(body, ctx) {
			const orderId = requiredString(body, 'OrderID');
			const totalDiscount = fen(body, 'TotalDiscount', 0);
			const coupons = couponList(body);
			const payable = fen(body, 'PayableAmount', 0);
			const order = ctx.mall.orders.find((candidate) => candidate.OrderID === orderId);
			if (!order) throw new Refusal('orderNotFound', orderId);
			const sync = { TotalDiscount: totalDiscount, PayableAmount: payable, CouponList: coupons };
			// Counted only when it changes the order: the same sync sent again changes nothing.
			if (JSON.stringify(sync) !== JSON.stringify(order.sync)) {
				order.sync = sync;
				ctx.store.applied.add(WRITES.posOrderSync, orderId);
			}
			return undefined;
		},
	},
];
