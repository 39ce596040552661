import { describe, expect, it } from 'vitest';

import { GIFT_CATEGORIES } from '../../sandbox/server';
import { useSandbox } from '../helpers/sandbox';
import { sandboxCalls } from '../helpers/sandboxCall';
import { COUPONS, SHOPS, GIFT_CATEGORIES_PATH, GIFTS } from './paths';

/** The paged lists: coupon put-ins, shops, gifts. */

const fixture = useSandbox();
const { call, ok, code } = sandboxCalls(fixture);

describe('coupon put-ins', () => {
	it('pages 230 put-ins from PageIndex 1, at most 100 a page', async () => {
		const pages = [];
		for (let index = 1; ; index++) {
			const page = await ok<Array<Record<string, unknown>>>(COUPONS, {
				PageIndex: index,
				PageSize: 100,
			});
			pages.push(page.length);
			if (page.length < 100) break;
		}
		expect(pages).toEqual([100, 100, 30]);
		expect(await ok(COUPONS, { PageIndex: 4, PageSize: 100 })).toEqual([]);
		const [first] = await ok<Array<Record<string, unknown>>>(COUPONS, {
			PageIndex: 1,
			PageSize: 1,
		});
		expect(Object.keys(first)).toEqual([
			'MallName',
			'MallLogo',
			'PICMID',
			'StoreCount',
			'StoreOverCount',
			'IsEPMaxGetInfinite',
			'EPMaxGet',
			'IsEDMaxGetInfinite',
		]);
		expect(first.PICMID).toBe('PICM000001');
		const tooBig = await call(COUPONS, { PageIndex: 1, PageSize: 101 });
		expect(tooBig.json.Code).toBe(2001);
		expect(tooBig.json.Message).toContain('PageSize');
		expect(await code(COUPONS, { PageIndex: 0, PageSize: 10 })).toBe(2001);
	});

	it('filters by PICMIDList', async () => {
		const list = await ok<Array<{ PICMID: string }>>(COUPONS, {
			PICMIDList: ['PICM000230', 'PICM000002', 'nope'],
			PageIndex: 1,
			PageSize: 20,
		});
		expect(list.map((p) => p.PICMID)).toEqual(['PICM000002', 'PICM000230']);
		expect(await code(COUPONS, { PICMIDList: 'PICM000002', PageIndex: 1, PageSize: 20 })).toBe(
			2001,
		);
	});

	it('repeats the last page past the end when told to (no empty page ever comes)', async () => {
		fixture.sandbox.setMisreport({ repeatLastPage: true });
		const past = await ok<Array<{ PICMID: string }>>(COUPONS, { PageIndex: 9, PageSize: 100 });
		expect(past).toHaveLength(30);
		expect(past[0].PICMID).toBe('PICM000201');
	});
});

describe('shops', () => {
	it('answers every shop without PageSize, with the documented fields', async () => {
		const shops = await ok<Array<Record<string, unknown>>>(SHOPS, {
			PageIndex: 1,
			PageSize: null,
			FloorID: null,
			CommercialTypeID: null,
		});
		expect(shops).toHaveLength(120);
		expect(Object.keys(shops[0])).toHaveLength(21);
		expect(shops.find((s) => s.McShopID === 1000030)).toMatchObject({
			Name: 'VERO MODA',
			CrmShopID: '454522',
			ShopType: 1,
			CommercialTypeID: 14024,
			SubCommercialTypeID: 102,
			SubCommercialTypeName: '运动休闲',
			FloorID: 0,
		});
	});

	it('filters by CommercialTypeID, FloorID and BlockID, and pages when PageSize is given', async () => {
		const count = async (body: Record<string, unknown>) =>
			(await ok<Array<Record<string, unknown>>>(SHOPS, body)).length;
		expect(await count({ CommercialTypeID: 14025 })).toBe(24);
		expect(await count({ FloorID: 3 })).toBe(20);
		expect(await count({ BlockID: 2 })).toBe(40);
		expect(await count({ CommercialTypeID: 14025, FloorID: 3 })).toBe(4);
		const floor = await ok<Array<{ FloorID: number }>>(SHOPS, { FloorID: 3 });
		expect(floor.every((s) => s.FloorID === 3)).toBe(true);
		const pages = [1, 2, 3, 4].map((PageIndex) => count({ PageIndex, PageSize: 50 }));
		expect(await Promise.all(pages)).toEqual([50, 50, 20, 0]);
		expect(await code(SHOPS, { FloorID: '3' })).toBe(2001);
		expect(await code(SHOPS, { PageSize: 0 })).toBe(2001);
	});
});

describe('gifts', () => {
	it('lists the categories, as the example shows them', async () => {
		const categories = await ok<Array<Record<string, unknown>>>(GIFT_CATEGORIES_PATH, {});
		expect(categories[0]).toEqual({ GiftCategoryID: 1, Name: '礼品分类', Rank: 1 });
		expect(categories).toEqual(GIFT_CATEGORIES);
	});

	it('pages 57 gifts by 10 (the default) and filters by GiftCategoryID', async () => {
		const sizes = [];
		for (let PageIndex = 1; ; PageIndex++) {
			const page = await ok<Array<Record<string, unknown>>>(GIFTS, { PageIndex });
			sizes.push(page.length);
			if (page.length < 10) break;
		}
		expect(sizes).toEqual([10, 10, 10, 10, 10, 7]);
		const [first] = await ok<Array<Record<string, unknown>>>(GIFTS, {});
		expect(Object.keys(first)).toEqual([
			'GiftID',
			'Name',
			'GiftCategoryID',
			'Photo',
			'Thumbnail',
			'Rank',
			'CurrencyType',
			'CurrencyValue',
			'Stock',
			'OnlineTime',
		]);
		const second = await ok<Array<{ GiftCategoryID: number }>>(GIFTS, {
			GiftCategoryID: 2,
			PageIndex: 1,
			PageSize: 100,
		});
		expect(second).toHaveLength(15);
		expect(second.every((g) => g.GiftCategoryID === 2)).toBe(true);
		expect(await code(GIFTS, { GiftCategoryID: '2' })).toBe(2001);
	});
});
