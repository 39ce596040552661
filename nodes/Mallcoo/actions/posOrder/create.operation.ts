import { additionalFields, textField } from '../../descriptions/common';
import type { ApiOperation } from '../../helpers/types';
import { fenField } from '../../descriptions/fen';

/** 生成订单接口: https://docs.mallcoo.cn/open/api/Pay.html (the page writes no trailing slash). */
export const create: ApiOperation = {
	resource: 'posOrder',
	operation: 'create',
	name: 'Create',
	action: 'Create a POS order',
	description:
		"Create an order in Mallcoo's payment acquiring for a POS order; outputs Mallcoo's order ID for Sync",
	kind: 'write',
	// PosOrderID is this write's key, but the page does not say Mallcoo refuses a repeated one:
	// a resend after a lost answer could create a second Mallcoo order, and no documented read
	// can tell whether the first was created. So it is resent only when it surely never arrived;
	// otherwise the error says to check the PosOrderID in Mallcoo first.
	repeat: 'never',
	properties: [
		textField('devShopId', 'Developer Shop ID', 'The shop, by its number in your system', {
			apiName: 'DevShopID',
		}),
		textField('posId', 'POS ID', 'The POS terminal', {
			apiName: 'PosID',
		}),
		textField(
			'posOrderId',
			'POS Order ID',
			'The order number in the POS: the key of this order, shown in the output and in errors',
			{ apiName: 'PosOrderID' },
		),
		textField('cashierId', 'Cashier ID', 'The cashier', {
			apiName: 'CashierID',
		}),
		fenField('amount', 'Amount (Fen)', 'The order amount', 'Amount', 1),
		additionalFields([
			{
				displayName: 'Mall Card Number',
				name: 'mallCardNo',
				type: 'string',
				default: '',
				description: "Mallcoo: MallCardNo. The member's card number, if a member pays.",
			},
		]),
	],
	actedOn: (request) => ({ posOrderId: request.body.PosOrderID }),
	buildRequest(parameters) {
		const body = {
			DevShopID: parameters.text('devShopId'),
			PosID: parameters.text('posId'),
			...(parameters.fields('additionalFields').has('mallCardNo')
				? { MallCardNo: parameters.text('additionalFields.mallCardNo') }
				: {}),
			PosOrderID: parameters.text('posOrderId'),
			CashierID: parameters.text('cashierId'),
			Amount: parameters.integer('amount', { min: 1 }),
		};
		return { path: '/Pay/Pos/v1/Order/Add', body };
	},
};
