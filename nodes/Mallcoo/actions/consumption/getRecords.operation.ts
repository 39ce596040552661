import type { IDataObject } from 'n8n-workflow';

import { mobileField } from '../../descriptions/common';
import { cursorPager, filtersField, readLimit, returnAllProperties } from '../../descriptions/list';
import { readShop, shopIdProperties } from '../../descriptions/shop';
import type { ApiOperation } from '../../helpers/types';

/**
 * 获取用户在某商户下的消费记录: https://docs.mallcoo.cn/open/api/Return.html. Only "next page"
 * paging: PagingID 0 first, then the PagingID each page returns. PageSize has no documented
 * maximum, so pages are the documented default of 10.
 */
export const getRecords: ApiOperation = {
	resource: 'consumption',
	operation: 'getRecords',
	name: 'Get Records',
	action: "Get a member's purchases at a shop",
	description: "Get a member's purchase records at one shop, by mobile",
	kind: 'read',
	repeat: 'resend',
	properties: [
		mobileField(),
		...shopIdProperties,
		...returnAllProperties,
		filtersField([
			{
				displayName: 'Trade Start Time',
				name: 'tradeStartTime',
				type: 'dateTime',
				default: '',
				description: 'Mallcoo: TradeStartTime. Purchases from this time on (China time).',
			},
			{
				displayName: 'Trade End Time',
				name: 'tradeEndTime',
				type: 'dateTime',
				default: '',
				description: 'Mallcoo: TradeEndTime. Purchases up to this time (China time).',
			},
			{
				displayName: 'Amount',
				name: 'amount',
				type: 'number',
				default: 0,
				description: 'Mallcoo: Amount (消费金额). Only purchases of this amount.',
			},
			{
				displayName: 'POS ID',
				name: 'posId',
				type: 'string',
				default: '',
				description: 'Mallcoo: PosID (pos机编号)',
			},
			{
				displayName: 'Trade Serial Number',
				name: 'tradeSerialNo',
				type: 'string',
				default: '',
				description: 'Mallcoo: TradeSerialNo (交易流水号)',
			},
		]),
	],
	pager: cursorPager(10, 'ConsumeRecordList', 'PagingID', 0),
	buildRequest(parameters) {
		const body: IDataObject = { Mobile: parameters.mobile('mobile'), ...readShop(parameters) };
		const filters = parameters.fields('filters');
		const start = parameters.optionalChinaDateTime('filters.tradeStartTime');
		const end = parameters.optionalChinaDateTime('filters.tradeEndTime');
		if (start) body.TradeStartTime = start;
		if (end) body.TradeEndTime = end;
		if (filters.values.amount !== undefined) body.Amount = parameters.number('filters.amount');
		const posId = filters.text('posId');
		const serialNo = filters.text('tradeSerialNo');
		if (posId) body.PosID = posId;
		if (serialNo) body.TradeSerialNo = serialNo;
		return { path: '/Return/v1/Consume/Records/ByMobile/', body, limit: readLimit(parameters) };
	},
};
