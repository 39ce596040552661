import type { IDataObject } from 'n8n-workflow';

import { additionalFields, enumCodeHint } from '../../descriptions/common';
import { readShop, shopIdProperties } from '../../descriptions/shop';
import { transactionIdField } from '../../descriptions/transactionId';
import type { ApiOperation } from '../../helpers/types';

/** 消费数据通知: https://docs.mallcoo.cn/open/api/Consume.html */
export const report: ApiOperation = {
	resource: 'consumption',
	operation: 'report',
	name: 'Report',
	action: 'Report a purchase',
	description:
		'Report a POS purchase to Mallcoo, which matches it to a member and awards points; once per transaction ID',
	kind: 'write',
	// TransID is the unique order ID (唯一订单ID): a retry resends the same one.
	repeat: 'transactionId',
	properties: [
		transactionIdField('The unique ID of this purchase, e.g. the POS order number.'),
		{
			displayName: 'Trade Time',
			name: 'tradeTime',
			type: 'dateTime',
			default: '',
			required: true,
			description:
				'When the purchase was made. Sent as China time (yyyy-MM-dd HH:mm:ss); ISO text with an offset is converted.',
			hint: 'Mallcoo: TradeTime (消费时间)',
		},
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			default: 0,
			required: true,
			typeOptions: { minValue: 0 },
			description: 'The amount paid, in yuan; more than 0',
			hint: 'Mallcoo: Amount (消费金额)',
		},
		...shopIdProperties,
		additionalFields([
			{
				displayName: 'Trade Serial Number',
				name: 'tradeSerialNo',
				type: 'string',
				default: '',
				description:
					"Mallcoo: TradeSerialNo (交易流水号). Required when the mall's points rules check duplicates by it.",
			},
			{
				displayName: 'POS ID',
				name: 'posId',
				type: 'string',
				default: '',
				description:
					"Mallcoo: PosID (pos机编号). The POS terminal. Required when the mall's points rules check duplicates by it.",
			},
			{
				displayName: 'Pay Type',
				name: 'payType',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1',
				description: enumCodeHint('PayType', '支付方式'),
			},
		]),
	],
	actedOn: (request) => ({ transactionId: request.body.TransID }),
	buildRequest(parameters) {
		const body: IDataObject = {
			TransID: parameters.text('transactionId'),
			TradeTime: parameters.chinaDateTime('tradeTime'),
			Amount: parameters.number('amount', { above: 0 }),
			...readShop(parameters),
		};
		const additional = parameters.fields('additionalFields');
		const serialNo = additional.text('tradeSerialNo');
		const posId = additional.text('posId');
		if (serialNo) body.TradeSerialNo = serialNo;
		if (posId) body.PosID = posId;
		const payType = parameters.optionalInteger('additionalFields.payType');
		if (payType !== undefined) body.PayType = payType;
		return { path: '/Consume/v1/Data/Inform/', body };
	},
};
