import type { IDataObject } from 'n8n-workflow';

import { additionalFields } from '../../descriptions/common';
import {
	biNumber,
	biShopProperties,
	biTerm,
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

/** action_type as the 504002 page spells its two values; the panel offers them in English. */
const ACTION_TYPE_TEXT = { consumption: '消费积分', return: '退货退积分' } as const;

/** Event 504002, CRM消费积分数据: https://docs.mallcoo.cn/open/api/bi/event/504002.html */
export const CRM_CONSUMPTION_POINTS_EVENT = 504002;

export const importCrmConsumptionPoints: ApiOperation = {
	resource: 'analytics',
	operation: 'importCrmConsumptionPoints',
	name: 'Import CRM Consumption Points',
	action: "Import CRM consumption points into Mallcoo's analytics",
	description:
		"Import one CRM consumption-points record (BI event 504002) into Mallcoo's analytics; outputs Mallcoo's TraceID with what was imported",
	kind: 'write',
	// As Import Shop Sale: one record per unique_id a day, so a retry cannot make a second one.
	repeat: 'resend',
	properties: [
		eventTimeField('When the member made the purchase'),
		...uniqueIdProperties,
		{
			displayName: 'Member Card ID',
			name: 'memberCardId',
			type: 'string',
			default: '',
			description: "The member's card number. Give it, the mobile, or both.",
			hint: `${biTerm('member_card_id')}; this or Mobile is required`,
		},
		{
			displayName: 'Mobile',
			name: 'mobile',
			type: 'string',
			default: '',
			placeholder: '13800000001',
			description: "The member's mobile number. Give it, the card number, or both.",
			hint: `${biTerm('mobile')}; this or Member Card ID is required`,
		},
		...biShopProperties(['shopCode', 'mcShopId']),
		paymentDetailsField(false),
		discountDetailsField,
		additionalFields([
			{
				displayName: 'Action Type',
				name: 'actionType',
				type: 'options',
				default: 'consumption',
				description: `${biTerm('action_type')}: sent as the event page's own Chinese text for this action (docs/field-reference.md)`,
				options: [
					{ name: 'Consumption Points', value: 'consumption' },
					{ name: 'Return Reverses Points', value: 'return' },
				],
			},
			biNumber('bonus', 'Bonus', 'bonus'),
			biText('bonusScene', 'Bonus Scene', 'bonus_scene'),
			biText('eventScene', 'Event Scene', 'event_scene'),
			biText('eventSource', 'Event Source', 'event_source'),
			biText('orderId', 'Order ID', 'order_id'),
			{
				displayName: 'Order Product Amount',
				name: 'orderProductAmount',
				type: 'options',
				default: 1,
				description: biTerm('order_product_amount'),
				options: [
					{ name: 'Consumption (1)', value: 1 },
					{ name: 'Full Return (-1)', value: -1 },
					{ name: 'Partial Return (0)', value: 0 },
				],
			},
			biNumber('orderTotalPrice', 'Order Total Price', 'order_total_price'),
			biText('other', 'Other', 'other'),
			biNumber('paymentAmount', 'Payment Amount', 'payment_amount'),
			biText('productName', 'Product Name', 'product_name'),
			biText('shopName', 'Shop Name', 'shop_name'),
		]),
	],
	actedOn: biActedOn,
	buildRequest(parameters) {
		const member: IDataObject = {};
		const cardId = parameters.optionalText('memberCardId');
		const mobile = parameters.optionalMobile('mobile');
		if (cardId === undefined && mobile === undefined)
			parameters.fail('memberCardId', 'or "Mobile" is required: the event needs one of them');
		if (cardId !== undefined) member.member_card_id = cardId;
		if (mobile !== undefined) member.mobile = mobile;
		const additional = parameters.fields('additionalFields');
		const payments = paymentDetails(parameters, false);
		const discounts = discountDetails(parameters);
		const fields: IDataObject = {
			time: parameters.chinaDateTime('time'),
			...member,
			...biShop(parameters, ['shopCode', 'mcShopId']),
			...(payments.length > 0 ? { payment_details: payments } : {}),
			...(discounts.length > 0 ? { discount_details: discounts } : {}),
			...optionalEventFields(
				parameters,
				{
					eventSource: 'event_source',
					eventScene: 'event_scene',
					shopName: 'shop_name',
					productName: 'product_name',
					orderId: 'order_id',
					actionType: 'action_type',
					bonusScene: 'bonus_scene',
					other: 'other',
				},
				{
					paymentAmount: 'payment_amount',
					bonus: 'bonus',
					orderTotalPrice: 'order_total_price',
				},
			),
		};
		// Replaced in place: the event keeps the page's key order.
		const actionType = additional.choice('actionType', ['consumption', 'return'] as const);
		if (actionType !== undefined) fields.action_type = ACTION_TYPE_TEXT[actionType];
		const productAmount = additional.choice('orderProductAmount', [1, -1, 0]);
		if (productAmount !== undefined) fields.order_product_amount = productAmount;
		return biImportRequest(CRM_CONSUMPTION_POINTS_EVENT, withUniqueId(parameters, fields));
	},
};
