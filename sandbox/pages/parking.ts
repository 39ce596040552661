import { chinaDateTime } from '../../credentials/chinaTime';
import { WRITES } from '../counters';
import {
	optionalFilterText,
	requiredDateTime,
	requiredString,
	urlDecoded,
	type Body,
} from '../params';
import { Refusal } from '../refusals';
import type { Endpoint } from './endpoint';

/**
 * A car entering, and finding a car: https://docs.mallcoo.cn/open/api/Park.html. The page documents
 * its own parameter-error code (2), hence `parameterRefusal`.
 */

/** PlateNo, Brand, InAttr1 are UTF-8 (UrlEncode) text; the page's example sends them raw, which decodes to itself. */
function decodedText(body: Body, name: string, required: boolean): string | undefined {
	const value = required ? requiredString(body, name) : optionalFilterText(body, name);
	return value === undefined ? undefined : urlDecoded(value, name);
}

function hashIndex(text: string, size: number): number {
	let hash = 0;
	for (const char of text) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
	return hash % size;
}

export const PARKING_ENDPOINTS: readonly Endpoint[] = [
	{
		path: '/Parking/V1/EnterInfoNotify/',
		title: '车辆入场',
		handle(body, ctx) {
			const parkCode = requiredString(body, 'ParkCode');
			const plateNo = decodedText(body, 'PlateNo', true)!;
			const inTime = requiredDateTime(body, 'InTime');
			const tradeId = optionalFilterText(body, 'TradeID');
			const brand = decodedText(body, 'Brand', false);
			const inAttr1 = decodedText(body, 'InAttr1', false);
			const park = ctx.mall.park(parkCode);
			if (!park) throw new Refusal('carParkNotFound');
			const entry = {
				ParkCode: parkCode,
				PlateNo: plateNo,
				InTime: inTime,
				TradeID: tradeId ?? null,
				Brand: brand ?? null,
				InAttr1: inAttr1 ?? null,
				ParkID: park.ParkID,
				FloorID: park.floors[hashIndex(plateNo, park.floors.length)].FloorID,
				At: chinaDateTime(ctx.now),
			};
			ctx.mall.entries.push(entry);
			ctx.mall.cars.set(plateNo, entry);
			ctx.store.applied.add(WRITES.parkingEntry, tradeId ?? `${parkCode}|${plateNo}|${inTime}`);
			return undefined;
		},
		parameterRefusal: 'parkingParameter',
	},
	{
		path: '/Parking/V1/GetCarLocation/',
		title: '寻车',
		handle(body, ctx) {
			const plateNo = decodedText(body, 'PlateNo', true)!;
			const car = ctx.mall.cars.get(plateNo);
			if (!car) throw new Refusal('carNotFound');
			const park = ctx.mall.park(car.ParkCode)!;
			const floor = park.floors.find((f) => f.FloorID === car.FloorID)!;
			// The Park page's Data table was recovered up to FloorName.
			return {
				ParkID: park.ParkID,
				ParkName: park.ParkName,
				FloorID: floor.FloorID,
				FloorName: floor.FloorName,
			};
		},
		parameterRefusal: 'parkingParameter',
	},
];
