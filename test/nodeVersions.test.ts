/**
 * The node's versions through n8n's engine against the sandbox: a workflow saved with version 1
 * (plain-text Shop ID, a number as gift category) opens and runs as it did; version 1.1, the
 * default for new nodes, takes the ID pickers' values (From List, By ID, an expression) and
 * still reads a plain string as an ID.
 */
import { NodeHelpers, type INode, type INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { Mallcoo } from '../nodes/Mallcoo/Mallcoo.node';
import { SEED_MEMBERS } from '../sandbox/server';
import saved from './fixtures/saved-version-1.json';
import { runMallcoo } from './helpers/engine';
import { useSandbox } from './helpers/sandbox';

const fixture = useSandbox();
const description = new Mallcoo().description;
const [, bea] = SEED_MEMBERS;

const savedNode = (name: string) =>
	saved.nodes.find((node) => node.name === name) as unknown as INode;

/** The parameters as n8n's editor resolves them for a node of this version, defaults added. */
const editorParameters = (node: Pick<INode, 'parameters' | 'typeVersion'>) =>
	NodeHelpers.getNodeParameters(
		description.properties,
		node.parameters,
		true,
		false,
		{ ...node, id: 'n', name: 'n', type: 'n8n-nodes-mallcoo.mallcoo', position: [0, 0] } as INode,
		description,
	) as INodeParameters;

async function run(parameters: INodeParameters, typeVersion: number, items?: object[]) {
	const result = await runMallcoo({
		parameters,
		typeVersion,
		items: items as Array<Record<string, unknown>>,
		credentials: fixture.credentials,
	});
	if (result.error) throw result.error;
	return result.output;
}

const bodies = () =>
	fixture.sandbox.requests.map((request) => request.body as Record<string, unknown>);

describe('the node is versioned', () => {
	it('offers 1 and 1.1; new nodes get 1.1', () => {
		expect(description.version).toEqual([1, 1.1]);
		expect(description.defaultVersion).toBe(1.1);
	});
});

describe('a workflow saved with version 1', () => {
	it('opens with its plain-text fields as saved: Shop ID text, Gift Category ID a number', () => {
		const report = editorParameters(savedNode('Report Purchase'));
		expect(report.shopIdType).toBe('mcShopId');
		expect(report.shopId).toBe('1000053');
		const gifts = editorParameters(savedNode('Gifts Of A Category'));
		expect(gifts.filters).toEqual({ giftCategoryId: 2 });
		const shopId = description.properties.filter((property) => property.name === 'shopId');
		const shownOnVersion1 = shopId.filter(
			(property) =>
				property.displayOptions?.show?.operation?.[0] === 'report' &&
				NodeHelpers.displayParameter(
					{ resource: 'consumption', operation: 'report', shopIdType: 'mcShopId' },
					property,
					{ typeVersion: 1 } as INode,
					description,
				),
		);
		expect(shownOnVersion1.map((property) => property.type)).toEqual(['string']);
	});

	it('reports a purchase to the plain-text Mallcoo Shop ID, as a whole number', async () => {
		const node = savedNode('Report Purchase');
		await run(node.parameters, node.typeVersion);
		expect(bodies()).toEqual([
			{
				TransID: 'POS-SAVED-0001',
				TradeTime: '2026-03-01 12:30:00',
				Amount: 99,
				McShopID: 1000053,
			},
		]);
	});

	it("reads a member's records at the plain-text shop", async () => {
		const node = savedNode('Purchase Records');
		const output = await run(node.parameters, node.typeVersion);
		expect(bodies()[0]).toEqual({
			Mobile: bea.Mobile,
			McShopID: 1000053,
			PageSize: 10,
			PagingID: 0,
		});
		expect(output).toHaveLength(
			fixture.sandbox.mall
				.consumptions()
				.filter((r) => r.Mobile === bea.Mobile && r.McShopID === 1000053).length,
		);
		expect(output.length).toBeGreaterThan(0);
	});

	it('lists the gifts of the numeric category', async () => {
		const node = savedNode('Gifts Of A Category');
		const output = await run(node.parameters, node.typeVersion);
		expect(bodies()[0]).toMatchObject({ GiftCategoryID: 2 });
		expect(output.map((item) => item.json)).toEqual(
			fixture.sandbox.mall.gifts().filter((gift) => gift.GiftCategoryID === 2),
		);
	});
});

describe('version 1.1: the ID pickers', () => {
	const report = {
		resource: 'consumption',
		operation: 'report',
		transactionId: 'POS-PICKED-0001',
		tradeTime: '2026-03-01 12:30:00',
		amount: 99,
	};

	it('a new node starts Shop ID and the gift category as pickers on From List', () => {
		expect(editorParameters({ parameters: report, typeVersion: 1.1 }).shopId).toEqual({
			__rl: true,
			mode: 'list',
			value: '',
		});
		const crm = editorParameters({
			parameters: { ...report, shopIdType: 'crmShopId' },
			typeVersion: 1.1,
		});
		expect(crm.shopId).toBe('');
		const gifts = description.properties.filter(
			(property) =>
				property.name === 'filters' && property.displayOptions?.show?.resource?.[0] === 'gift',
		);
		const onVersion11 = gifts.find((property) =>
			NodeHelpers.displayParameter(
				{ resource: 'gift', operation: 'getMany' },
				property,
				{ typeVersion: 1.1 } as INode,
				description,
			),
		);
		expect(onVersion11?.options).toEqual([
			expect.objectContaining({
				name: 'giftCategoryId',
				type: 'resourceLocator',
				modes: [
					expect.objectContaining({
						name: 'list',
						typeOptions: { searchListMethod: 'searchGiftCategories', searchable: true },
					}),
					expect.objectContaining({ name: 'id' }),
				],
			}),
		]);
	});

	it.each([
		['From List', { __rl: true, mode: 'list', value: '1000053', cachedResultName: 'VERO MODA' }],
		['By ID', { __rl: true, mode: 'id', value: '1000053' }],
		['By ID, an expression', { __rl: true, mode: 'id', value: '={{ $json.shop }}' }],
		['a plain string', '1000053'],
	])('reports a purchase to a Mallcoo Shop ID picked %s', async (_how, shopId) => {
		await run({ ...report, shopId }, 1.1, [{ shop: 1000053 }]);
		expect(bodies()).toEqual([
			{
				TransID: 'POS-PICKED-0001',
				TradeTime: '2026-03-01 12:30:00',
				Amount: 99,
				McShopID: 1000053,
			},
		]);
	});

	it('reads records at a shop picked from the list; CRM shop IDs stay text', async () => {
		const records = {
			resource: 'consumption',
			operation: 'getRecords',
			mobile: bea.Mobile,
			returnAll: true,
		};
		const picked = await run(
			{ ...records, shopId: { __rl: true, mode: 'list', value: '1000053' } },
			1.1,
		);
		const crm = await run({ ...records, shopIdType: 'crmShopId', shopId: 'S00053' }, 1.1);
		expect(bodies().map((body) => Object.keys(body).filter((key) => /Shop/.test(key)))).toEqual([
			['McShopID'],
			['CrmShopID'],
		]);
		expect(bodies()[0]).toMatchObject({ McShopID: 1000053 });
		expect(bodies()[1]).toMatchObject({ CrmShopID: 'S00053' });
		expect(picked.length).toBeGreaterThan(0);
		expect(crm.map((item) => item.json)).toEqual(picked.map((item) => item.json));
	});

	it("sends a picker's value carried over to a CRM Shop ID (the editor keeps it on a type switch) as text", async () => {
		await run(
			{
				...report,
				shopIdType: 'crmShopId',
				shopId: { __rl: true, mode: 'list', value: 'S00053', cachedResultName: 'S00053' },
			},
			1.1,
		);
		expect(bodies()[0]).toMatchObject({ CrmShopID: 'S00053' });
		expect(bodies()[0]).not.toHaveProperty('McShopID');
	});

	it('refuses an empty or non-numeric Mallcoo Shop ID before sending', async () => {
		await expect(
			run({ ...report, shopId: { __rl: true, mode: 'list', value: '' } }, 1.1),
		).rejects.toThrow(/"Shop ID" is required/);
		// A typed ID is checked by the picker's pattern; one from an expression by the node.
		await expect(
			run({ ...report, shopId: { __rl: true, mode: 'id', value: 'VERO' } }, 1.1),
		).rejects.toThrow('A Mallcoo Shop ID is a whole number');
		await expect(
			run({ ...report, shopId: { __rl: true, mode: 'id', value: '={{ $json.shop }}' } }, 1.1, [
				{ shop: 'VERO' },
			]),
		).rejects.toThrow(
			'"Shop ID" must be a positive whole number for a Mallcoo Shop ID, but is "VERO" (item 1)',
		);
		expect(fixture.sandbox.requests).toEqual([]);
	});

	it('lists the gifts of a category picked from the list, by ID, or left empty', async () => {
		const gifts = { resource: 'gift', operation: 'getMany', returnAll: true };
		const ofCategory = (id: number) =>
			fixture.sandbox.mall.gifts().filter((gift) => gift.GiftCategoryID === id);
		const listed = await run(
			{ ...gifts, filters: { giftCategoryId: { __rl: true, mode: 'list', value: '4' } } },
			1.1,
		);
		expect(listed.map((item) => item.json)).toEqual(ofCategory(4));
		fixture.sandbox.clearRequests();
		const byId = await run(
			{ ...gifts, filters: { giftCategoryId: { __rl: true, mode: 'id', value: '2' } } },
			1.1,
		);
		expect(byId.map((item) => item.json)).toEqual(ofCategory(2));
		expect(bodies()[0]).toMatchObject({ GiftCategoryID: 2 });
		fixture.sandbox.clearRequests();
		const all = await run(
			{ ...gifts, filters: { giftCategoryId: { __rl: true, mode: 'list', value: '' } } },
			1.1,
		);
		expect(bodies()[0]).not.toHaveProperty('GiftCategoryID');
		expect(all).toHaveLength(fixture.sandbox.mall.gifts().length);
	});
});
