import type { IDataObject } from 'n8n-workflow';

import { textField } from '../../descriptions/common';
import type { ApiOperation } from '../../helpers/types';
import { fenField } from '../../descriptions/fen';

/** 同步订单信息接口: https://docs.mallcoo.cn/open/api/Pay.html (the page writes no trailing slash). */
export const sync: ApiOperation = {
	resource: 'posOrder',
	operation: 'sync',
	name: 'Sync',
	action: 'Sync a POS order',
	description:
		"Tell Mallcoo an order's coupons used, total discount and amount payable, by Mallcoo's order ID",
	kind: 'write',
	// It sets the order's coupons, discount and payable amount to the values sent: sending the
	// same values again leaves the order as sending them once.
	repeat: 'resend',
	properties: [
		textField(
			'orderId',
			'Order ID',
			"Mallcoo's order ID, as POS Order → Create outputs it (OrderID)",
			{
				apiName: 'OrderID',
			},
		),
		fenField('totalDiscount', 'Total Discount (Fen)', 'The discount', 'TotalDiscount', 0),
		fenField('payableAmount', 'Payable Amount (Fen)', 'The amount to pay', 'PayableAmount', 0),
		{
			displayName: 'Coupons',
			name: 'couponList',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Coupon',
			default: {},
			description: 'The coupons used on the order',
			hint: 'Mallcoo: CouponList',
			options: [
				{
					displayName: 'Coupon',
					name: 'coupons',
					values: [
						{
							displayName: 'Coupon Code',
							name: 'vCode',
							type: 'string',
							default: '',
							description: 'Mallcoo: VCode',
						},
						{
							displayName: 'Discount (Fen)',
							name: 'discount',
							type: 'number',
							default: 0,
							typeOptions: { minValue: 0, numberPrecision: 0 },
							description: 'Mallcoo: Discount, in fen: a whole number, 100 fen = 1 yuan',
						},
					],
				},
			],
		},
	],
	actedOn: (request) => ({ orderId: request.body.OrderID }),
	buildRequest(parameters) {
		const body: IDataObject = {
			OrderID: parameters.text('orderId'),
			TotalDiscount: parameters.integer('totalDiscount', { min: 0 }),
		};
		const coupons = parameters.collection('couponList').coupons;
		if (coupons !== undefined && !Array.isArray(coupons))
			parameters.fail('couponList', 'must be a list of coupons');
		const list = ((coupons as IDataObject[] | undefined) ?? []).map((coupon, index) => {
			const vCode = parameters.textValue('couponList.coupons.vCode', coupon.vCode);
			const discount = parameters.integerValue('couponList.coupons.discount', coupon.discount, {
				min: 0,
			});
			if (vCode === undefined)
				parameters.fail('couponList.coupons.vCode', `is empty in coupon ${index + 1}`);
			if (discount === undefined)
				parameters.fail('couponList.coupons.discount', `is empty in coupon ${index + 1}`);
			return { VCode: vCode, Discount: discount };
		});
		if (list.length > 0) body.CouponList = list;
		body.PayableAmount = parameters.integer('payableAmount', { min: 0 });
		return { path: '/Pay/Pos/v1/Order/Sync', body };
	},
};
