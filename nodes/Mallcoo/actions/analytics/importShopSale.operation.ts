import { additionalFields } from '../../descriptions/common';
import {
	amountField,
	biNumber,
	biShopProperties,
	biText,
	discountDetailsField,
	eventTimeField,
	paymentDetailsField,
	uniqueIdProperties,
} from '../../descriptions/analyticsFields';
import {
	biActedOn,
	biImportRequest,
	biShop,
	discountDetails,
	optionalEventFields,
	paymentDetails,
	withUniqueId,
} from '../../descriptions/analyticsEvent';
import type { ApiOperation } from '../../helpers/types';

/** Event 401002, 商家销售V2 (shop sales V2): https://docs.mallcoo.cn/open/api/bi/event/401002.html */
export const SHOP_SALE_EVENT = 401002;

export const importShopSale: ApiOperation = {
	resource: 'analytics',
	operation: 'importShopSale',
	name: 'Import Shop Sale',
	action: "Import a shop sale into Mallcoo's analytics",
	description:
		"Import one shop sale (BI event 401002, shop sales V2) into Mallcoo's analytics; outputs Mallcoo's TraceID with what was imported",
	kind: 'write',
	// Mallcoo keeps one record per unique_id a day (the BI page): a retry, seconds later, sends
	// the same unique_id and cannot make a second record.
	repeat: 'resend',
	properties: [
		eventTimeField('When the sale was made'),
		...uniqueIdProperties,
		...biShopProperties(['shopCode', 'mcShopId', 'devShopId']),
		amountField('orderTotalPrice', 'Order Total Price', 'order_total_price'),
		amountField('paymentAmount', 'Payment Amount', 'payment_amount'),
		paymentDetailsField(true),
		discountDetailsField,
		additionalFields([
			biNumber('discountAmount', 'Discount Amount', 'discount_amount'),
			biText('eventSource', 'Event Source', 'event_source'),
			biText('memberCardId', 'Member Card ID', 'member_card_id'),
			biText('orderId', 'Order ID', 'order_id'),
			biText('other', 'Other', 'other'),
			biText('paymentMethod', 'Payment Method', 'payment_method'),
			biNumber('salesNumber', 'Sales Number', 'sales_number'),
			biText('shopName', 'Shop Name', 'shop_name'),
			biText('status', 'Status', 'status'),
			biNumber('taxAmount', 'Tax Amount', 'tax_amount'),
			biNumber('thirdpartyAmount', 'Third-Party Amount', 'thirdparty_amount'),
		]),
	],
	actedOn: biActedOn,
	buildRequest(parameters) {
		const discounts = discountDetails(parameters);
		const fields = {
			time: parameters.chinaDateTime('time'),
			...biShop(parameters, ['shopCode', 'mcShopId', 'devShopId']),
			order_total_price: parameters.number('orderTotalPrice', { min: 0 }),
			payment_amount: parameters.number('paymentAmount', { min: 0 }),
			payment_details: paymentDetails(parameters, true),
			...(discounts.length > 0 ? { discount_details: discounts } : {}),
			...optionalEventFields(
				parameters,
				{
					shopName: 'shop_name',
					orderId: 'order_id',
					memberCardId: 'member_card_id',
					status: 'status',
					eventSource: 'event_source',
					paymentMethod: 'payment_method',
					other: 'other',
				},
				{
					thirdpartyAmount: 'thirdparty_amount',
					discountAmount: 'discount_amount',
					taxAmount: 'tax_amount',
				},
				{ salesNumber: 'sales_number' },
			),
		};
		return biImportRequest(SHOP_SALE_EVENT, withUniqueId(parameters, fields));
	},
};
