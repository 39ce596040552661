/**
 * The parking resource through n8n's engine against the sandbox: entry notices (China time,
 * URL-encoded text as the Park page asks) and finding a car; the page's documented codes (2,
 * 1101) become errors that say what to check.
 */
import { describe, expect, it } from 'vitest';

import { SANDBOX_CODES } from '../../sandbox/server';
import { useOperationRunner } from '../helpers/operations';

const { fixture, attempt, onlyRequest, run } = useOperationRunner();

const entry = {
	resource: 'parking',
	operation: 'notifyEntry',
	parkCode: '1',
	plateNo: '沪B12345',
	inTime: '2026-03-01T06:30:19Z',
};

describe('parking', () => {
	it('notifyEntry sends ParkCode, the plate URL-encoded, InTime in China time and the optional fields', async () => {
		const output = await run({
			...entry,
			additionalFields: { tradeId: 'IN-20260301-0001', brand: '特斯拉 Tesla', inAttr1: 'VIP' },
		});
		expect(output[0].json).toMatchObject({ success: true });
		const request = onlyRequest();
		expect(request.path).toBe('/Parking/V1/EnterInfoNotify/');
		expect(request.rawBody).toBe(
			JSON.stringify({
				ParkCode: '1',
				PlateNo: encodeURIComponent('沪B12345'),
				InTime: '2026-03-01 14:30:19',
				TradeID: 'IN-20260301-0001',
				Brand: encodeURIComponent('特斯拉 Tesla'),
				InAttr1: 'VIP',
			}),
		);
		expect(fixture.sandbox.mall.parkingEntries()).toEqual([
			expect.objectContaining({
				PlateNo: '沪B12345',
				InTime: '2026-03-01 14:30:19',
				Brand: '特斯拉 Tesla',
				TradeID: 'IN-20260301-0001',
			}),
		]);
	});

	it('findCar finds the car that entered', async () => {
		await run(entry);
		fixture.sandbox.clearRequests();
		const output = await run({ resource: 'parking', operation: 'findCar', plateNo: '沪B12345' });
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual({
			ParkID: 10001,
			ParkName: '猫酷沙箱广场停车场',
			FloorID: expect.any(Number),
			FloorName: expect.stringMatching(/^B\d$/),
		});
		const request = onlyRequest();
		expect(request.path).toBe('/Parking/V1/GetCarLocation/');
		expect(request.rawBody).toBe(JSON.stringify({ PlateNo: encodeURIComponent('沪B12345') }));
	});

	it('code 1101 says the Park Code is unknown, with the platform message beside it', async () => {
		const result = await attempt({ ...entry, parkCode: '99' });
		expect(result.error?.message).toMatch(
			/ failed: No car park has this Park Code: check Park Code \(Code 1101\)$/,
		);
		expect(result.error?.description).toContain('请检查ParkCode是否正确');
		expect(fixture.sandbox.requests[0].response.code).toBe(SANDBOX_CODES.PARKING_NOT_FOUND);
	});

	it("code 2 cannot come from the node's own bodies; a raw custom call shows it with the platform message", async () => {
		// notifyEntry and findCar check InTime and encode the plate themselves, so Mallcoo's
		// parameter error (2) is reached here only by sending a bad body through a custom call.
		const result = await attempt({
			resource: 'custom',
			operation: 'call',
			path: '/Parking/V1/EnterInfoNotify/',
			body: JSON.stringify({ ParkCode: '1', PlateNo: 'A1', InTime: 'soon' }),
		});
		expect(result.error?.message).toContain('(Code 2)');
		// The custom call knows no codes: the platform's own message.
		expect(result.error?.message).toContain('参数异常');
		fixture.sandbox.clearRequests();
		// A plate with a stray % is not valid URL-encoding for Mallcoo once sent raw: code 2 from findCar.
		const findCar = await attempt({
			resource: 'custom',
			operation: 'call',
			path: '/Parking/V1/GetCarLocation/',
			body: '{"PlateNo": "%E6"}',
		});
		expect(findCar.error?.message).toContain('(Code 2)');
	});

	it('refuses an In Time that is not a date and a missing plate, before sending', async () => {
		const bad = await attempt({ ...entry, inTime: '2026-03-01 25:00:00' });
		expect(bad.error?.message).toMatch(/"In Time" must (be a date|have a time)/);
		const empty = await attempt({ ...entry, plateNo: "={{ '' }}" });
		expect(empty.error?.message).toMatch(/"Plate Number" is required/);
		expect(fixture.sandbox.requests).toEqual([]);
	});
});
