/**
 * The reader (ItemParameters) on its own, fed by n8n's real engine and expressions (so Luxon
 * date-times, JS dates, NaN and lists arrive exactly as they do in a workflow): the kinds no
 * user-API operation uses yet (date-times in China time, numbers above 0, API paths, JSON
 * objects), the collection readers and the error's item numbering.
 */
import { describe, expect, it } from 'vitest';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
} from 'n8n-workflow';

import { ItemParameters } from '../../nodes/Mallcoo/helpers/values/itemParameters';
import { runMallcoo } from '../helpers/engine';
import { special, VALUE, type Special } from './table';

const PROPERTIES: INodeProperties[] = [
	{ displayName: 'Read As', name: 'kind', type: 'string', default: '' },
	{ displayName: 'Options', name: 'readOptions', type: 'json', default: '{}' },
	{ displayName: 'Trade Time', name: 'value', type: 'string', default: '' },
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		default: {},
		options: [
			{ displayName: 'Trade Start Time', name: 'tradeStartTime', type: 'string', default: '' },
			{
				displayName: 'Pay Type',
				name: 'payType',
				type: 'options',
				default: 'cash',
				options: [
					{ name: 'Cash', value: 'cash' },
					{ name: 'Card', value: 'card' },
				],
			},
		],
	},
	{
		displayName: 'Gender',
		name: 'gender',
		type: 'options',
		default: 0,
		options: [
			{ name: 'Unknown', value: 0 },
			{ name: 'Male', value: 1 },
		],
	},
];

type Reader = (parameters: ItemParameters, options: IDataObject) => unknown;
const READERS: Record<string, Reader> = {
	text: (p, o) => p.text('value', o),
	optionalText: (p, o) => p.optionalText('value', o) ?? '(none)',
	integer: (p, o) => p.integer('value', o),
	number: (p, o) => p.number('value', o),
	optionalNumber: (p, o) => p.optionalNumber('value', o) ?? '(none)',
	date: (p) => p.date('value'),
	chinaDateTime: (p) => p.chinaDateTime('value'),
	optionalChinaDateTime: (p) => p.optionalChinaDateTime('value') ?? '(none)',
	url: (p) => p.url('value'),
	apiPath: (p) => p.apiPath('value'),
	jsonObject: (p) => p.jsonObject('value'),
	boolean: (p) => p.boolean('value'),
	idList: (p) => p.idList('value'),
	mobile: (p) => p.mobile('value'),
	choice: (p, o) => p.choice('value', o.values as string[]),
	genderChoice: (p) => p.choice('gender'),
	filterTime: (p) => p.fields('filters').chinaDateTime('tradeStartTime') ?? '(none)',
	filterPayType: (p) => p.fields('filters').choice('payType') ?? '(none)',
	filterHas: (p) => p.fields('filters').has('tradeStartTime'),
	collection: (p) => p.collection('filters'),
};

/** A node that reads one parameter with the reader named by "kind", per item. */
class ReaderProbe implements INodeType {
	description = {
		displayName: 'Reader Probe',
		name: 'readerProbe',
		group: ['transform'],
		version: 1,
		description: 'Reads parameters with ItemParameters',
		defaults: { name: 'Reader Probe' },
		inputs: ['main'],
		outputs: ['main'],
		properties: PROPERTIES,
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((_, itemIndex) => {
				const parameters = new ItemParameters(this, itemIndex, PROPERTIES);
				const kind = this.getNodeParameter('kind', itemIndex) as string;
				const options = JSON.parse(this.getNodeParameter('readOptions', itemIndex) as string);
				try {
					return { json: { result: READERS[kind](parameters, options) as never } };
				} catch (error) {
					const context = (error as { context?: IDataObject }).context;
					return { json: { error: (error as Error).message, itemIndex: context?.itemIndex } };
				}
			}),
		];
	}
}

/** Reads each value (as its own item) with the reader `kind`; returns results or error messages. */
async function read(
	kind: string,
	values: unknown[],
	options: IDataObject = {},
	extra: Record<string, unknown> = {},
) {
	const { output, error } = await runMallcoo({
		parameters: { kind, readOptions: JSON.stringify(options), value: VALUE, ...extra },
		items: values.map((value) =>
			typeof value === 'object' && value !== null && 'special' in value
				? (value as Special)
				: { value },
		),
		credentials: {},
		nodeType: new ReaderProbe(),
	});
	expect(error).toBeUndefined();
	return output.map((item, index) => {
		if (item.json.error === undefined) return item.json.result;
		const message = String(item.json.error);
		const suffix = ` (item ${index + 1})`;
		expect(message.endsWith(suffix), message).toBe(true);
		expect(item.json.itemIndex).toBe(index);
		return new Error(message.slice(0, -suffix.length));
	});
}

const refusal = (field: string, problem: string | RegExp) =>
	expect.objectContaining({
		message: typeof problem === 'string' ? `"${field}" ${problem}` : expect.stringMatching(problem),
	});

async function expectReads(
	kind: string,
	cases: Array<[unknown, unknown]>,
	options: IDataObject = {},
	extra: Record<string, unknown> = {},
) {
	const results = await read(
		kind,
		cases.map(([value]) => value),
		options,
		extra,
	);
	expect(results).toEqual(
		cases.map(([, expected]) =>
			typeof expected === 'string' && expected.startsWith('!')
				? refusal('Trade Time', expected.slice(1))
				: expected instanceof RegExp
					? expect.objectContaining({ message: expect.stringMatching(expected) })
					: expected,
		),
	);
}

const DATE_TIME =
	'must be a date and time like 2024-05-01 14:30:00 (China time) or 2024-05-01T06:30:00Z';

describe('chinaDateTime: yyyy-MM-dd HH:mm:ss in China Standard Time', () => {
	it('sends China-time text as it is, converts instants from other offsets, refuses the rest', async () => {
		await expectReads('chinaDateTime', [
			['2024-05-01 14:30:00', '2024-05-01 14:30:00'],
			['2024/5/1 9:05', '2024-05-01 09:05:00'],
			['2024-05-01T14:30', '2024-05-01 14:30:00'],
			['2024-05-01T06:30:00Z', '2024-05-01 14:30:00'],
			['2024-05-01T14:30:00+08:00', '2024-05-01 14:30:00'],
			['2024-05-01T14:30:00.999+0800', '2024-05-01 14:30:00'],
			['2024-04-30T23:30:00-05:00', '2024-05-01 12:30:00'],
			['2024-12-31T20:00:00Z', '2025-01-01 04:00:00'],
			['2024-02-29T00:00:00Z', '2024-02-29 08:00:00'],
			[special('Date', '2024-01-01T00:00:00Z'), '2024-01-01 08:00:00'],
			// n8n's own date-times ($now, DateTime.fromISO) in any zone: the same instant in China.
			[special('Luxon', '2024-05-01T10:00:00+02:00'), '2024-05-01 16:00:00'],
			[special('Luxon', '2024-05-01T10:00:00+08:00'), '2024-05-01 10:00:00'],
			[
				'2024-02-30 10:00:00',
				'!must be a date that exists, but "2024-02-30 10:00:00" has no such day',
			],
			[
				'2023-13-01 10:00:00',
				'!must be a date that exists, but "2023-13-01 10:00:00" has no such day',
			],
			['2024-05-01', `!${DATE_TIME}: the time is missing in "2024-05-01"`],
			[
				'2024-05-01 24:00:00',
				'!must be a date with a time of day from 00:00:00 to 23:59:59, but is "2024-05-01 24:00:00"',
			],
			[
				'2024-05-01 10:60:00',
				'!must be a date with a time of day from 00:00:00 to 23:59:59, but is "2024-05-01 10:60:00"',
			],
			['2024-05-01T10:00:00+15:00', '!has an impossible time-zone offset +15:00'],
			['yesterday', `!${DATE_TIME}, but is "yesterday"`],
			[1714545000000, `!${DATE_TIME}, not the number 1714545000000`],
			[true, `!${DATE_TIME}, not the yes/no value true`],
			[['2024-05-01 10:00:00'], `!${DATE_TIME}, not a list ["2024-05-01 10:00:00"]`],
			[{ at: 1 }, `!${DATE_TIME}, not an object {"at":1}`],
			[special('Date', 'nonsense'), `!${DATE_TIME}, but is an invalid date`],
			[special('Luxon', 'nonsense'), `!${DATE_TIME}, but is an invalid date-time`],
			['', '!is required but is empty'],
			[null, '!is required but is empty'],
		]);
	});

	it('optional: empty is not given', async () => {
		await expectReads('optionalChinaDateTime', [
			['', '(none)'],
			[null, '(none)'],
			['2024-05-01 14:30:00', '2024-05-01 14:30:00'],
		]);
	});
});

describe('number', () => {
	it('above 0 (Score, Amount): decimals and numeric text, nothing else', async () => {
		await expectReads(
			'number',
			[
				[12.5, 12.5],
				['12.50', 12.5],
				['.5', 0.5],
				['  7 ', 7],
				[0, '!must be more than 0, but is 0'],
				[-5, '!must be more than 0, but is -5'],
				['-0.01', '!must be more than 0, but is -0.01'],
				['1e3', '!must be a number more than 0, not "1e3"'],
				['12,5', '!must be a number more than 0, not "12,5"'],
				[special('NaN'), '!must be a number more than 0, not NaN'],
				[special('Infinity'), '!must be a number more than 0, not Infinity'],
				[true, '!must be a number more than 0, not the yes/no value true'],
				[[1], '!must be a number more than 0, not a list [1]'],
				['', '!is required but is empty'],
			],
			{ above: 0 },
		);
	});

	it('with a range names it', async () => {
		await expectReads(
			'number',
			[
				[100, 100],
				[100.5, '!must be from 0 to 100, but is 100.5'],
			],
			{ min: 0, max: 100 },
		);
		await expectReads('optionalNumber', [
			['', '(none)'],
			[3, 3],
		]);
	});
});

const API_PATH_START =
	"must be a path under the credential's API Base URL like /User/Score/v1/Plus/ByOpenUserID/";
const API_PATH = `${API_PATH_START}: one leading /, then names of letters, digits, - . _ ~ between single slashes; no .. or . segments, no query (?) or fragment (#)`;
const ONLY_PATH = `${API_PATH_START}, without a scheme or host (the host comes from the credential)`;

describe('apiPath: a path on the credential host, nothing that could leave it', () => {
	it('accepts Mallcoo paths and refuses hosts, schemes, traversal, queries and controls', async () => {
		await expectReads('apiPath', [
			['/User/Score/v1/Plus/ByOpenUserID/', '/User/Score/v1/Plus/ByOpenUserID/'],
			[' /Gift/V1/GetList ', '/Gift/V1/GetList'],
			['/a/b.c/d~e_f-g', '/a/b.c/d~e_f-g'],
			['User/Score/v1/', `!${API_PATH}, but is "User/Score/v1/"`],
			['//evil.example/steal', `!${ONLY_PATH}, but is "//evil.example/steal"`],
			['https://evil.example/steal', `!${ONLY_PATH}, but is "https://evil.example/steal"`],
			['javascript:alert(1)', `!${ONLY_PATH}, but is "javascript:alert(1)"`],
			['/User/../Admin/', `!${API_PATH}, but is "/User/../Admin/"`],
			['/User/./x', `!${API_PATH}, but is "/User/./x"`],
			['/User//x', `!${API_PATH}, but is "/User//x"`],
			['/User/x?y=1', `!${API_PATH}, but is "/User/x?y=1"`],
			['/User/x#y', `!${API_PATH}, but is "/User/x#y"`],
			['/User/x y', `!${API_PATH}, but is "/User/x y"`],
			['/User/x\u0000', `!${API_PATH}, but is "/User/x\\u0000"`],
			['/User/x\n/y', `!${API_PATH}, but is "/User/x\\n/y"`],
			['/User\\..\\x', `!${API_PATH}, but is "/User\\\\..\\\\x"`],
			['/%2e%2e/x', `!${API_PATH}, but is "/%2e%2e/x"`],
			['/', `!${API_PATH}, but is "/"`],
			[`/${'a'.repeat(600)}`, '!must be at most 500 characters long'],
			[true, `!${API_PATH}, not the yes/no value true`],
			[['/User/'], `!${API_PATH}, not a list ["/User/"]`],
			['', '!is required but is empty'],
		]);
	});
});

const JSON_OBJECT = 'must be a JSON object like {"Key": "value"}';

describe('jsonObject', () => {
	it('takes an object or JSON text of one, refuses what JSON cannot carry', async () => {
		const nested = JSON.parse('{"a":'.repeat(70) + '1' + '}'.repeat(70));
		await expectReads('jsonObject', [
			[
				{ Mobile: '13800000001', List: [1, 'a', null, true] },
				{ Mobile: '13800000001', List: [1, 'a', null, true] },
			],
			['{"PageIndex": 1, "Nested": {"x": "<b>"}}', { PageIndex: 1, Nested: { x: '<b>' } }],
			['  {}  ', {}],
			['[1, 2]', `!${JSON_OBJECT}, not a list [1,2]`],
			['1', `!${JSON_OBJECT}, not the number 1`],
			['"text"', `!${JSON_OBJECT}, not "text"`],
			['null', `!${JSON_OBJECT}, not empty`],
			[
				'{bad json',
				/^"Trade Time" must be a JSON object like \{"Key": "value"\}, but is not valid JSON: /,
			],
			[[{ a: 1 }], `!${JSON_OBJECT}, not a list [{"a":1}]`],
			[true, `!${JSON_OBJECT}, not the yes/no value true`],
			[42, `!${JSON_OBJECT}, not the number 42`],
			[nested, '!is nested more than 64 levels deep at the top' + '.a'.repeat(65)],
			['', '!is required but is empty'],
		]);
	});

	it('refuses NaN, Infinity and dates inside an object from an expression', async () => {
		const { output } = await runMallcoo({
			parameters: {
				kind: 'jsonObject',
				readOptions: '{}',
				value:
					'={{ $json.which === 1 ? { a: { b: [1, NaN] } } : $json.which === 2 ? { at: new Date(0) } : { n: Infinity } }}',
			},
			items: [{ which: 1 }, { which: 2 }, { which: 3 }],
			credentials: {},
			nodeType: new ReaderProbe(),
		});
		expect(output.map((item) => item.json.error)).toEqual([
			'"Trade Time" holds the number NaN at the top.a.b[1], which JSON cannot carry (item 1)',
			'"Trade Time" holds the date-time 1970-01-01T00:00:00.000Z at the top.at, which is not a JSON value: give it as text (item 2)',
			'"Trade Time" holds the number Infinity at the top.n, which JSON cannot carry (item 3)',
		]);
	});
});

describe('text options', () => {
	it('maxLength counts characters, not UTF-16 units', async () => {
		await expectReads(
			'text',
			[
				['😀😀😀', '😀😀😀'],
				['😀😀😀😀', '!must be at most 3 characters long, but is 4 characters long'],
			],
			{ maxLength: 3 },
		);
	});

	it('multiline lets tabs and line breaks through, nothing else', async () => {
		await expectReads(
			'text',
			[
				['a\tb\nc\r\nd', 'a\tb\nc\r\nd'],
				[
					'a\u000bb',
					'!must not contain control characters other than tabs and line breaks, but contains the control character U+000B at character 2',
				],
			],
			{ multiline: true },
		);
		await expectReads('optionalText', [
			['   ', '(none)'],
			[null, '(none)'],
		]);
	});
});

describe('choice', () => {
	it('takes the allowed values given, naming them when refusing', async () => {
		await expectReads(
			'choice',
			[
				['mcShopId', 'mcShopId'],
				['devShopId', '!must be one of mcShopId, crmShopId, but is "devShopId"'],
				['', '!is required: choose one of mcShopId, crmShopId'],
			],
			{ values: ['mcShopId', 'crmShopId'] },
		);
	});

	it("defaults to the field's own options, with their names", async () => {
		const results = await read('genderChoice', [1, 3], {}, { gender: VALUE });
		expect(results).toEqual([
			1,
			refusal('Gender', 'must be one of 0 (Unknown), 1 (Male), but is the number 3'),
		]);
	});
});

describe('collections', () => {
	it('name a field "Collection › Field" and read each field as its kind', async () => {
		const results = await read(
			'filterTime',
			['2024-05-01T06:30:00Z', '2024-02-30 10:00:00', '', false],
			{},
			{ filters: { tradeStartTime: VALUE } },
		);
		expect(results).toEqual([
			'2024-05-01 14:30:00',
			refusal(
				'Filters › Trade Start Time',
				'must be a date that exists, but "2024-02-30 10:00:00" has no such day',
			),
			'(none)',
			refusal('Filters › Trade Start Time', `${DATE_TIME}, not the yes/no value false`),
		]);
		expect(
			await read('filterHas', ['x', '', null], {}, { filters: { tradeStartTime: VALUE } }),
		).toEqual([true, false, false]);
	});

	it("a choice inside a collection takes the collection field's own options", async () => {
		const results = await read(
			'filterPayType',
			['card', 'cheque'],
			{},
			{ filters: { payType: VALUE } },
		);
		expect(results).toEqual([
			'card',
			refusal('Filters › Pay Type', 'must be one of cash (Cash), card (Card), but is "cheque"'),
		]);
	});

	it('an absent or empty collection reads as no fields', async () => {
		// (n8n itself resets a collection given as an expression to its default, so none arrives.)
		expect(await read('collection', [null], {}, { filters: {} })).toEqual([{}]);
		expect(await read('collection', [null], {}, { filters: VALUE })).toEqual([{}]);
	});
});

describe('errors', () => {
	it('count items as the editor does: the first item is item 1', async () => {
		const results = await read('integer', ['1', 'x', '3', 'y']);
		expect(results).toEqual([
			1,
			refusal('Trade Time', 'must be a whole number, not "x"'),
			3,
			refusal('Trade Time', 'must be a whole number, not "y"'),
		]);
	});

	it('show a long value shortened, with its length', async () => {
		const [result] = await read('mobile', ['9'.repeat(100)]);
		expect(result).toEqual(
			refusal(
				'Trade Time',
				`must be a mobile number of 5 to 20 digits, optionally after + (spaces and dashes are ignored), but is "${'9'.repeat(60)}…" (100 characters)`,
			),
		);
	});
});
