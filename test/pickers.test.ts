/**
 * The ID pickers' lists, loaded the way n8n's editor loads them (n8n-core's LoadOptionsContext,
 * the credential signing each request) from the sandbox: Coupon Send's put-ins with their stock
 * (node version 1), the shops with their floor, the gift categories; what each entry shows and
 * holds, the search term, and a failure that says why in the picker.
 */
import { describe, expect, it } from 'vitest';

import { mallcooSign } from '../credentials/mallcooSignature';
import { GIFT_CATEGORIES } from '../sandbox/server';
import { searchList, type ListQuery, type ListSearchMethod, type Picker } from './helpers/pickers';
import { useSandbox } from './helpers/sandbox';
import { expectCeilingKept } from './helpers/sharedBudget';

const fixture = useSandbox();

const PUT_IN_PICKER: Picker = {
	typeVersion: 1,
	parameters: { resource: 'coupon', operation: 'send' },
	path: 'parameters.putInId',
};
const SHOP_PICKER: Picker = {
	typeVersion: 1.1,
	parameters: { resource: 'consumption', operation: 'report', shopIdType: 'mcShopId' },
	path: 'parameters.shopId',
};
const GIFT_CATEGORY_PICKER: Picker = {
	typeVersion: 1.1,
	parameters: { resource: 'gift', operation: 'getMany' },
	path: 'parameters.filters.giftCategoryId',
};

const search = (picker: Picker, method: ListSearchMethod, query: Partial<ListQuery> = {}) =>
	searchList(picker, method, { credentials: fixture.credentials, ...query });

describe('ID pickers', () => {
	it('put-ins: a page of 100 with the stock left, signed; the token asks for the next page', async () => {
		const first = await search(PUT_IN_PICKER, 'searchPutIns');
		const putIns = fixture.sandbox.mall.couponPutIns();
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({
			name: `PICM000001 · ${putIns[0].StoreOverCount} of ${putIns[0].StoreCount} left`,
			value: 'PICM000001',
		});
		expect(first.paginationToken).toBe('2');
		const [request] = fixture.sandbox.requests;
		const { publicKey, privateKey } = fixture.credentials;
		expect(request.headers.sign).toBe(
			mallcooSign(publicKey, request.headers.timestamp, request.rawBody, privateKey),
		);
		expect(request.body).toEqual({ PageIndex: 1, PageSize: 100 });
		const third = await search(PUT_IN_PICKER, 'searchPutIns', { paginationToken: '3' });
		expect(third.results.map((r) => r.value)).toEqual(putIns.slice(200).map((p) => p.PICMID));
		expect(third.paginationToken).toBeUndefined();
	});

	it('put-ins: the search filters by ID', async () => {
		const { results } = await search(PUT_IN_PICKER, 'searchPutIns', { filter: 'picm00001' });
		expect(results.map((r) => r.value)).toEqual(
			Array.from({ length: 10 }, (_, i) => `PICM00001${i}`),
		);
	});

	it('shops: every shop, named with its floor and unit, valued by McShopID; searchable by floor', async () => {
		const shops = fixture.sandbox.mall.shops();
		const all = await search(PUT_IN_PICKER, 'searchShops');
		expect(all.results).toHaveLength(shops.length);
		expect(all.results[0]).toEqual({
			name: `${shops[0].Name} · ${shops[0].FloorName} · ${shops[0].DoorNo}`,
			value: String(shops[0].McShopID),
		});
		expect(fixture.sandbox.requests[0].body).toEqual({});
		const onB1 = await search(PUT_IN_PICKER, 'searchShops', { filter: 'B1' });
		expect(onB1.results.map((r) => r.value)).toEqual(
			shops.filter((s) => s.FloorName === 'B1').map((s) => String(s.McShopID)),
		);
	});

	it('gift categories: by name', async () => {
		const { results } = await search(PUT_IN_PICKER, 'searchGiftCategories');
		expect(results).toEqual(
			GIFT_CATEGORIES.map((c) => ({ name: c.Name, value: String(c.GiftCategoryID) })),
		);
	});

	it('a failure to load says why: a wrong key names the signature refusal', async () => {
		await expect(
			search(PUT_IN_PICKER, 'searchPutIns', {
				credentials: { ...fixture.credentials, privateKey: 'wrong' },
			}),
		).rejects.toThrow(
			/^Could not load the coupon put-ins from Mallcoo: 签名错误 \(Sign mismatch\) \(Code 1005\)$/,
		);
		fixture.sandbox.injectFaults(['http500', 'http500']);
		await expect(search(PUT_IN_PICKER, 'searchShops')).rejects.toThrow(
			/^Could not load the shops from Mallcoo: Mallcoo answered HTTP 500$/,
		);
	});
});

describe('the Shop ID picker', () => {
	it('lists every shop of the mall by name, floor and unit, holding its Mallcoo Shop ID, in one signed request', async () => {
		const shops = fixture.sandbox.mall.shops();
		const { results } = await search(SHOP_PICKER, 'searchShops');
		expect(results).toEqual(
			shops.map((shop) => ({
				name: `${shop.Name} · ${shop.FloorName} · ${shop.DoorNo}`,
				value: String(shop.McShopID),
			})),
		);
		expect(results).toContainEqual({ name: 'VERO MODA · B1 · B1-030', value: '1000030' });
		expect(fixture.sandbox.requests).toHaveLength(1);
		const [request] = fixture.sandbox.requests;
		expect(request.path).toBe('/Shop/V1/GetList/');
		expect(request.body).toEqual({});
		const { publicKey, privateKey } = fixture.credentials;
		expect(request.headers.sign).toBe(
			mallcooSign(publicKey, request.headers.timestamp, request.rawBody, privateKey),
		);
	});

	it('keeps the shops whose name, floor, unit or ID holds the search term, in any case', async () => {
		const shops = fixture.sandbox.mall.shops();
		expect((await search(SHOP_PICKER, 'searchShops', { filter: 'vero moda' })).results).toEqual([
			{ name: 'VERO MODA · B1 · B1-030', value: '1000030' },
		]);
		const onB1 = await search(SHOP_PICKER, 'searchShops', { filter: 'b1' });
		expect(onB1.results.map((result) => result.value)).toEqual(
			shops.filter((shop) => shop.FloorName === 'B1').map((shop) => String(shop.McShopID)),
		);
		expect(onB1.results.length).toBeGreaterThan(0);
		expect(onB1.results.length).toBeLessThan(shops.length);
		expect((await search(SHOP_PICKER, 'searchShops', { filter: '1000053' })).results).toEqual([
			expect.objectContaining({ value: '1000053' }),
		]);
		expect((await search(SHOP_PICKER, 'searchShops', { filter: 'no such shop' })).results).toEqual(
			[],
		);
	});

	it("says in the picker why the shops did not load: Mallcoo's own message", async () => {
		await expect(
			search(SHOP_PICKER, 'searchShops', {
				credentials: { ...fixture.credentials, privateKey: 'wrong' },
			}),
		).rejects.toThrow(/^Could not load the shops from Mallcoo: 签名错误.*\(Code 1005\)$/);
		fixture.sandbox.injectFaults(['http500', 'http500']);
		await expect(search(SHOP_PICKER, 'searchShops')).rejects.toThrow(
			/^Could not load the shops from Mallcoo: Mallcoo answered HTTP 500$/,
		);
	});
});

describe("a picker and the credential's shared budget", () => {
	it('waits its turn in the budget the runs share, and leaves their ceiling as they set it', async () => {
		await expectCeilingKept(fixture.credentials, async (budget, take) => {
			await search(SHOP_PICKER, 'searchShops');
			expect(take.mock.contexts).toEqual([budget]);
		});
	});
});

describe('the gift category picker', () => {
	it('lists the categories by name, holding their ID', async () => {
		const { results } = await search(GIFT_CATEGORY_PICKER, 'searchGiftCategories');
		expect(results).toEqual(
			GIFT_CATEGORIES.map((category) => ({
				name: category.Name,
				value: String(category.GiftCategoryID),
			})),
		);
		expect(fixture.sandbox.requests.map((request) => request.path)).toEqual([
			'/Gift/V1/GetCategoryList/',
		]);
	});

	it('keeps the categories whose name or ID holds the search term', async () => {
		const parking = GIFT_CATEGORIES.find((category) => category.Name === '停车券')!;
		expect(
			(await search(GIFT_CATEGORY_PICKER, 'searchGiftCategories', { filter: '停车' })).results,
		).toEqual([{ name: parking.Name, value: String(parking.GiftCategoryID) }]);
		expect(
			(await search(GIFT_CATEGORY_PICKER, 'searchGiftCategories', { filter: '3' })).results.map(
				(result) => result.value,
			),
		).toEqual(['3']);
	});

	it('says in the picker why the categories did not load', async () => {
		await expect(
			search(GIFT_CATEGORY_PICKER, 'searchGiftCategories', {
				credentials: { ...fixture.credentials, appId: 'unknown-app' },
			}),
		).rejects.toThrow(/^Could not load the gift categories from Mallcoo: .+\(Code 1002\)$/);
	});
});
