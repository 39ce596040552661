/**
 * Hostile and legitimate values for every parameter of the tag operations, through n8n's engine
 * against the sandbox (see table.ts for what each table checks).
 */
import { SEED_MEMBERS, type RecordedRequest } from '../../sandbox/server';
import { useSandbox } from '../helpers/sandbox';
import { bodyKey, bodyOf, freeTextTable, mobileTable } from './kinds';
import { describeTables, rule, special, VALUE, type FieldTable, type Refused } from './table';
import { EMPTY_REQUIRED } from './values';

const fixture = useSandbox();
const [ada, bea] = SEED_MEMBERS;

const IDS = 'must be whole-number IDs of at least 1, like 30,31,32 or a list of numbers';
const TAG_IDS_REFUSED: Refused[] = [
	...EMPTY_REQUIRED,
	['an empty list', [], /^is required but is empty$/],
	['a word among the IDs', '30,abc', rule(`${IDS}, but contains "abc"`)],
	['0', 0, rule(`${IDS}, but contains the number 0`)],
	['-1', -1, rule(`${IDS}, but contains the number -1`)],
	['-1 as text', '30,-1', rule(`${IDS}, but contains "-1"`)],
	['0 in a list', [30, 0], rule(`${IDS}, but contains the number 0`)],
	['a fraction', 30.5, rule(`${IDS}, but contains the number 30.5`)],
	['a fraction as text', '30.5', rule(`${IDS}, but contains "30.5"`)],
	['the boolean true', true, rule(`${IDS}, not the yes/no value true`)],
	['the boolean false', false, rule(`${IDS}, not the yes/no value false`)],
	['an object', { id: 30 }, rule(`${IDS}, not an object {"id":30}`)],
	['a nested list', [[30]], rule(`${IDS}, but contains a list [30]`)],
	['a null in the list', [30, null], rule(`${IDS}, but contains empty`)],
	['a boolean in the list', [true], rule(`${IDS}, but contains the yes/no value true`)],
	['NaN', special('NaN'), rule(`${IDS}, but contains the number NaN`)],
	['more digits than a number keeps', [Number('9007199254740993')], rule(`${IDS}, but contains`)],
];

const tagTables = (operation: string): Record<string, FieldTable> => {
	const base = {
		resource: 'tag',
		operation,
		mobile: bea.Mobile,
		tagIds: '30',
	};
	return {
		mobile: mobileTable(
			'Mobile',
			{ ...base, mobile: VALUE },
			bodyKey('Mobile'),
			ada.Mobile,
			bea.Mobile,
		),
		tagIds: {
			label: 'Tag IDs',
			parameters: { ...base, tagIds: VALUE },
			sent: bodyKey('TagIDList'),
			accepted: [
				['comma-separated text', '30, 33', [30, 33]],
				['a list of numbers', [30, 45], [30, 45]],
				['one number', 30, [30]],
				['a stringified list', '[30,31]', [30, 31]],
				['a list of numeric text', ['30', ' 31 '], [30, 31]],
				['full-width commas', '30，31', [30, 31]],
				['the largest exact ID', 9007199254740991, [9007199254740991]],
				['one ID as text', ' 31 ', [31]],
			],
			refused: TAG_IDS_REFUSED,
		},
		description: {
			...freeTextTable(
				'Description',
				{ ...base, description: VALUE },
				(request: RecordedRequest) => bodyOf(request).Desc ?? undefined,
				true,
			),
		},
	};
};

describeTables('tag/add', fixture, tagTables('add'));
describeTables('tag/remove', fixture, tagTables('remove'));
