/**
 * The Shop ID and gift category pickers' lists, loaded the way n8n's editor loads them (n8n-core's
 * LoadOptionsContext, the credential signing each request) from the sandbox: what each entry
 * shows and holds, the search term, and a failure that says why in the picker.
 */
import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type INode, type INodeListSearchResult } from 'n8n-workflow';
import { describe, expect, it, vi } from 'vitest';

import { mallcooSign } from '../credentials/mallcooSignature';
import { Mallcoo } from '../nodes/Mallcoo/Mallcoo.node';
import { RequestBudget, sharedBudget } from '../nodes/Mallcoo/transport/schedule';
import { GIFT_CATEGORIES } from '../sandbox/server';
import { nodeTypesOf, testAdditionalData } from './helpers/engine';
import { useSandbox } from './helpers/sandbox';

const fixture = useSandbox();
const mallcoo = new Mallcoo();

/** Which picker is open: the node's parameters and the path of the parameter being filled. */
interface Picker {
	parameters: Record<string, string>;
	path: string;
}

const SHOP_PICKER: Picker = {
	parameters: { resource: 'consumption', operation: 'report', shopIdType: 'mcShopId' },
	path: 'parameters.shopId',
};
const GIFT_CATEGORY_PICKER: Picker = {
	parameters: { resource: 'gift', operation: 'getMany' },
	path: 'parameters.filters.giftCategoryId',
};

async function search(
	picker: Picker,
	method: 'searchShops' | 'searchGiftCategories',
	filter?: string,
	credentials: Record<string, unknown> = fixture.credentials,
): Promise<INodeListSearchResult> {
	const node: INode = {
		id: 'mallcoo',
		name: 'Mallcoo',
		type: 'n8n-nodes-mallcoo.mallcoo',
		typeVersion: 1.1,
		position: [0, 0],
		parameters: picker.parameters,
		credentials: { mallcooApi: { id: 'sandbox', name: 'Mallcoo Sandbox' } },
	};
	const workflow = new Workflow({
		id: 'pickers',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf({ 'n8n-nodes-mallcoo.mallcoo': mallcoo }),
	});
	const context = new LoadOptionsContext(
		workflow,
		node,
		testAdditionalData(credentials as never),
		picker.path,
	);
	return mallcoo.methods.listSearch[method].call(context, filter);
}

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
		expect((await search(SHOP_PICKER, 'searchShops', 'vero moda')).results).toEqual([
			{ name: 'VERO MODA · B1 · B1-030', value: '1000030' },
		]);
		const onB1 = await search(SHOP_PICKER, 'searchShops', 'b1');
		expect(onB1.results.map((result) => result.value)).toEqual(
			shops.filter((shop) => shop.FloorName === 'B1').map((shop) => String(shop.McShopID)),
		);
		expect(onB1.results.length).toBeGreaterThan(0);
		expect(onB1.results.length).toBeLessThan(shops.length);
		expect((await search(SHOP_PICKER, 'searchShops', '1000053')).results).toEqual([
			expect.objectContaining({ value: '1000053' }),
		]);
		expect((await search(SHOP_PICKER, 'searchShops', 'no such shop')).results).toEqual([]);
	});

	it("says in the picker why the shops did not load: Mallcoo's own message", async () => {
		await expect(
			search(SHOP_PICKER, 'searchShops', undefined, {
				...fixture.credentials,
				privateKey: 'wrong',
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
		const budget = sharedBudget(
			`sandbox|${fixture.credentials.appId}|${fixture.credentials.baseUrl}`,
			2,
		);
		const setCeiling = vi.spyOn(RequestBudget.prototype, 'setCeiling');
		const take = vi.spyOn(RequestBudget.prototype, 'take');
		try {
			await search(SHOP_PICKER, 'searchShops');
			expect(setCeiling).not.toHaveBeenCalled();
			expect(take.mock.contexts).toEqual([budget]);
		} finally {
			setCeiling.mockRestore();
			take.mockRestore();
		}
		// Still 2 a second: two slots in a row are half a second apart.
		const first = Date.now();
		await budget.take();
		await budget.take();
		expect(Date.now() - first).toBeGreaterThanOrEqual(400);
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
		expect((await search(GIFT_CATEGORY_PICKER, 'searchGiftCategories', '停车')).results).toEqual([
			{ name: parking.Name, value: String(parking.GiftCategoryID) },
		]);
		expect(
			(await search(GIFT_CATEGORY_PICKER, 'searchGiftCategories', '3')).results.map(
				(result) => result.value,
			),
		).toEqual(['3']);
	});

	it('says in the picker why the categories did not load', async () => {
		await expect(
			search(GIFT_CATEGORY_PICKER, 'searchGiftCategories', undefined, {
				...fixture.credentials,
				appId: 'unknown-app',
			}),
		).rejects.toThrow(/^Could not load the gift categories from Mallcoo: .+\(Code 1002\)$/);
	});
});
