/**
 * The ID pickers' lists, loaded the way n8n's editor loads them (n8n-core's LoadOptionsContext,
 * the credential signing each request) from the sandbox: put-ins with their stock, shops with
 * their floor, gift categories; a search filter; and a failure that says why.
 */
import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type INode, type INodeListSearchResult } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { Mallcoo } from '../nodes/Mallcoo/Mallcoo.node';
import { mallcooSign } from '../credentials/mallcooSignature';
import { GIFT_CATEGORIES } from '../sandbox/server';
import { nodeTypesOf, testAdditionalData } from './helpers/engine';
import { useSandbox } from './helpers/sandbox';

const fixture = useSandbox();
const mallcoo = new Mallcoo();

async function search(
	method: keyof typeof mallcoo.methods.listSearch,
	filter?: string,
	paginationToken?: string,
	credentials: Record<string, unknown> = fixture.credentials,
): Promise<INodeListSearchResult> {
	const node: INode = {
		id: 'mallcoo',
		name: 'Mallcoo',
		type: 'n8n-nodes-mallcoo.mallcoo',
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'coupon', operation: 'send' },
		credentials: { mallcooApi: { id: 'sandbox', name: 'Mallcoo Sandbox' } },
	};
	const workflow = new Workflow({
		id: 'picker',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf({ 'n8n-nodes-mallcoo.mallcoo': mallcoo }),
	});
	const context = new LoadOptionsContext(
		workflow,
		node,
		testAdditionalData(credentials as never),
		'parameters.putInId',
	);
	return mallcoo.methods.listSearch[method].call(context, filter, paginationToken);
}

describe('ID pickers', () => {
	it('put-ins: a page of 100 with the stock left, signed; the token asks for the next page', async () => {
		const first = await search('searchPutIns');
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
		const third = await search('searchPutIns', undefined, '3');
		expect(third.results.map((r) => r.value)).toEqual(putIns.slice(200).map((p) => p.PICMID));
		expect(third.paginationToken).toBeUndefined();
	});

	it('put-ins: the search filters by ID', async () => {
		const { results } = await search('searchPutIns', 'picm00001');
		expect(results.map((r) => r.value)).toEqual(
			Array.from({ length: 10 }, (_, i) => `PICM00001${i}`),
		);
	});

	it('shops: every shop, named with its floor and unit, valued by McShopID; searchable by floor', async () => {
		const shops = fixture.sandbox.mall.shops();
		const all = await search('searchShops');
		expect(all.results).toHaveLength(shops.length);
		expect(all.results[0]).toEqual({
			name: `${shops[0].Name} · ${shops[0].FloorName} · ${shops[0].DoorNo}`,
			value: String(shops[0].McShopID),
		});
		expect(fixture.sandbox.requests[0].body).toEqual({});
		const onB1 = await search('searchShops', 'B1');
		expect(onB1.results.map((r) => r.value)).toEqual(
			shops.filter((s) => s.FloorName === 'B1').map((s) => String(s.McShopID)),
		);
	});

	it('gift categories: by name', async () => {
		const { results } = await search('searchGiftCategories');
		expect(results).toEqual(
			GIFT_CATEGORIES.map((c) => ({ name: c.Name, value: String(c.GiftCategoryID) })),
		);
	});

	it('a failure to load says why: a wrong key names the signature refusal', async () => {
		await expect(
			search('searchPutIns', undefined, undefined, { ...fixture.credentials, privateKey: 'wrong' }),
		).rejects.toThrow(
			/^Could not load the coupon put-ins from Mallcoo: 签名错误 \(Sign mismatch\) \(Code 1005\)$/,
		);
		fixture.sandbox.injectFaults(['http500', 'http500']);
		await expect(search('searchShops')).rejects.toThrow(
			/^Could not load the shops from Mallcoo: Mallcoo answered HTTP 500$/,
		);
	});
});
