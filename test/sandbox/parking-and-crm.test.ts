import { describe, expect, it } from 'vitest';

import { SANDBOX_CODES, SEED_MEMBERS, WRITES } from '../../sandbox/server';
import { useSandbox } from '../helpers/sandbox';
import { sandboxCalls } from '../helpers/sandboxCall';
import { ENTER, FIND_CAR, NOTICE, GRADE } from './paths';

/** Parking (Park.html) and the CRM notices (CRM.html). */

const fixture = useSandbox();
const { call, ok, code } = sandboxCalls(fixture);

const zhang = SEED_MEMBERS[0];
const li = SEED_MEMBERS[1];

describe('parking', () => {
	it('notifies an entry, then finds the car; the example car is already parked', async () => {
		expect(await ok(FIND_CAR, { PlateNo: '沪A68688' })).toEqual({
			ParkID: 10001,
			ParkName: '猫酷沙箱广场停车场',
			FloorID: -2,
			FloorName: 'B2',
		});
		const plate = encodeURIComponent('京N8P8F8');
		const entry = await call(ENTER, {
			ParkCode: '2',
			PlateNo: plate,
			InTime: '2024-07-01 08:00:00',
			TradeID: 'T-1',
			Brand: encodeURIComponent('特斯拉'),
		});
		expect(entry.json).toEqual({ Code: 1, Message: '成功' });
		expect(fixture.sandbox.mall.parkingEntries()).toMatchObject([
			{ ParkCode: '2', PlateNo: '京N8P8F8', TradeID: 'T-1', Brand: '特斯拉', ParkID: 10002 },
		]);
		expect(await ok(FIND_CAR, { PlateNo: '京N8P8F8' })).toEqual({
			ParkID: 10002,
			ParkName: '猫酷沙箱广场东区停车场',
			FloorID: -3,
			FloorName: 'B3',
		});
		expect(fixture.sandbox.applied.count(WRITES.parkingEntry, 'T-1')).toBe(1);
	});

	it('answers the Park page codes: 1101 for an unknown ParkCode, 2 for a parameter error', async () => {
		const unknown = await call(ENTER, {
			ParkCode: '9',
			PlateNo: '沪A1',
			InTime: '2024-07-01 08:00:00',
		});
		expect(unknown.json.Code).toBe(1101);
		expect(unknown.json.Message).toContain('ParkCode');
		expect(await code(ENTER, { ParkCode: '1', PlateNo: '沪A1', InTime: '2024-07-01' })).toBe(2);
		expect(await code(ENTER, { ParkCode: 1, PlateNo: '沪A1', InTime: '2024-07-01 08:00:00' })).toBe(
			2,
		);
		expect(await code(FIND_CAR, { PlateNo: 7 })).toBe(2);
		expect(await code(FIND_CAR, { PlateNo: '沪Z00000' })).toBe(SANDBOX_CODES.NOT_FOUND_CAR);
		expect(fixture.sandbox.mall.parkingEntries()).toEqual([]);
	});
});

describe('CRM notices', () => {
	it('Update/Notice takes ThirdPartyCardID or Mobile', async () => {
		await ok(NOTICE, { Mobile: li.Mobile });
		await ok(NOTICE, { ThirdPartyCardID: 'CRM10000001', Mobile: '15155145475' });
		expect(fixture.sandbox.mall.changeNotices()).toMatchObject([
			{ Mobile: li.Mobile, ThirdPartyCardID: null, OpenUserID: li.OpenUserID },
			{ ThirdPartyCardID: 'CRM10000001', OpenUserID: zhang.OpenUserID },
		]);
		expect(await code(NOTICE, {})).toBe(2001);
		expect(await code(NOTICE, { ThirdPartyCardID: '', Mobile: '' })).toBe(2001);
		expect(await code(NOTICE, { ThirdPartyCardID: 'CRM-none' })).toBe(3005);
		expect(await code(NOTICE, { Mobile: '13999999999' })).toBe(3001);
	});

	it('UpdateGrade/Inform moves the card to the new grade and keeps the change', async () => {
		await ok(GRADE, {
			ThirdPartyCardID: 'CRM10000003',
			BeforeCardCode: '1',
			AfterCardCode: '2',
			ChangeType: 0,
			ChangeTime: '2024-07-01 12:13:14',
			Remark: encodeURIComponent('消费满额升级'),
			GradeChangeRuleID: 77,
			GradeChangeType: 1,
			GradeChangeID: 'G-1',
		});
		expect(fixture.sandbox.members.get('13800000003')!.Card).toMatchObject({
			VipGrade: '2',
			MallCardTypeID: 102,
			MallCardName: '银卡',
		});
		expect(fixture.sandbox.mall.gradeChanges()).toMatchObject([
			{ Remark: '消费满额升级', GradeChangeRuleID: 77, GradeChangeType: 1, GradeChangeID: 'G-1' },
		]);
		expect(fixture.sandbox.applied.count(WRITES.notifyGradeChange, 'G-1')).toBe(1);
		const body = {
			ThirdPartyCardID: 'CRM10000003',
			BeforeCardCode: '2',
			AfterCardCode: 'Vip456',
			ChangeType: 1,
			ChangeTime: '2024-07-02 00:00:00',
		};
		expect(await code(GRADE, { ...body, ChangeType: 2 })).toBe(2001);
		expect(await code(GRADE, { ...body, GradeChangeType: 3 })).toBe(2001);
		expect(await code(GRADE, { ...body, ChangeTime: '2024-07-02' })).toBe(2001);
		expect(await code(GRADE, { ...body, ThirdPartyCardID: 'CRM-none' })).toBe(3005);
		await ok(GRADE, body);
		expect(fixture.sandbox.members.get('13800000003')!.Card).toMatchObject({
			VipGrade: 'Vip456',
			MallCardTypeID: 102,
		});
	});
});
