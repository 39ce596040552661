import type { IDataObject } from 'n8n-workflow';

import { additionalFields, textField, urlEncoded } from '../../descriptions/common';
import type { ApiOperation } from '../../helpers/types';

/**
 * The codes the Park page documents (重要状态码说明), https://docs.mallcoo.cn/open/api/Park.html;
 * 1 is success.
 */
export const PARKING_REFUSALS: Readonly<Record<number, string>> = {
	2: 'Mallcoo found a parameter in the wrong format (参数异常): check Plate Number and In Time',
	1101: 'No car park has this Park Code (没有找到相关车场): check Park Code',
};

/** 车辆入场: https://docs.mallcoo.cn/open/api/Park.html */
export const notifyEntry: ApiOperation = {
	resource: 'parking',
	operation: 'notifyEntry',
	name: 'Notify Entry',
	action: 'Notify Mallcoo that a car entered',
	description:
		'Tell Mallcoo a car entered the car park; the page asks for this on every entry, with a Trade ID',
	kind: 'write',
	// A notice sent twice may be recorded twice: resent only when it surely never arrived.
	repeat: 'never',
	refusals: PARKING_REFUSALS,
	properties: [
		textField('parkCode', 'Park Code', 'The car park code in the parking system', {
			apiName: 'ParkCode',
			chinese: '车场编号',
		}),
		textField('plateNo', 'Plate Number', 'The plate number, e.g. 沪A68688', {
			apiName: 'PlateNo',
			chinese: '车牌号',
		}),
		{
			displayName: 'In Time',
			name: 'inTime',
			type: 'dateTime',
			default: '',
			required: true,
			description:
				'When the car entered. Sent as China time (yyyy-MM-dd HH:mm:ss); ISO text with an offset is converted.',
			hint: 'Mallcoo: InTime (入场时间)',
		},
		additionalFields([
			{
				displayName: 'Brand',
				name: 'brand',
				type: 'string',
				default: '',
				description: 'Mallcoo: Brand (汽车品牌). The car brand.',
			},
			{
				displayName: 'In Attribute 1',
				name: 'inAttr1',
				type: 'string',
				default: '',
				description: 'Mallcoo: InAttr1 (入场属性1)',
			},
			{
				displayName: 'Trade ID',
				name: 'tradeId',
				type: 'string',
				default: '',
				description:
					'Mallcoo: TradeID. The unique ID of this entry and exit, so Mallcoo can match the exit to it (recommended).',
			},
		]),
	],
	actedOn: (request) => ({
		parkCode: request.body.ParkCode,
		plateNo: decodeURIComponent(String(request.body.PlateNo)),
		...(request.body.TradeID ? { tradeId: request.body.TradeID } : {}),
	}),
	buildRequest(parameters) {
		// PlateNo, Brand and InAttr1 are "UTF-8 (UrlEncode)" text on the page.
		const body: IDataObject = {
			ParkCode: parameters.text('parkCode'),
			PlateNo: urlEncoded(parameters.text('plateNo')),
			InTime: parameters.chinaDateTime('inTime'),
		};
		const additional = parameters.fields('additionalFields');
		const tradeId = additional.text('tradeId');
		const brand = additional.text('brand');
		const inAttr1 = additional.text('inAttr1');
		if (tradeId) body.TradeID = tradeId;
		if (brand) body.Brand = urlEncoded(brand);
		if (inAttr1) body.InAttr1 = urlEncoded(inAttr1);
		return { path: '/Parking/V1/EnterInfoNotify/', body };
	},
};
