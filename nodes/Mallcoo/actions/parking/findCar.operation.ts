import { textField, urlEncoded } from '../../descriptions/common';
import type { ApiOperation } from '../../helpers/types';
import { PARKING_REFUSALS } from './notifyEntry.operation';

/** 寻车: https://docs.mallcoo.cn/open/api/Park.html */
export const findCar: ApiOperation = {
	resource: 'parking',
	operation: 'findCar',
	name: 'Find Car',
	action: 'Find where a car is parked',
	description: 'Get the car park and floor where the car with this plate number is parked',
	kind: 'read',
	repeat: 'resend',
	// The Park page's parameter-error code; 1101 concerns ParkCode, which this endpoint does not take.
	refusals: { 2: PARKING_REFUSALS[2].replace(' and In Time', '') },
	properties: [
		textField('plateNo', 'Plate Number', 'The plate number, e.g. 沪A68688', {
			apiName: 'PlateNo',
			chinese: '车牌号',
		}),
	],
	buildRequest(parameters) {
		return {
			path: '/Parking/V1/GetCarLocation/',
			body: { PlateNo: urlEncoded(parameters.text('plateNo')) },
		};
	},
};
