/**
 * Hostile and legitimate values for every parameter of the memberCard operations, through n8n's
 * engine against the sandbox (see table.ts for what each table checks).
 */
import { expect, it } from 'vitest';

import {
	SIGN_UP_FIELDS,
	type ProfileField,
} from '../../nodes/Mallcoo/descriptions/memberProfile/profileFields';
import type { RecordedRequest } from '../../sandbox/server';
import { runMallcoo } from '../helpers/engine';
import { decodeUserInfo } from '../helpers/operations';
import { useSandbox } from '../helpers/sandbox';
import { bodyKey, bodyOf, freeTextTable, identifierTable, mobileTable } from './kinds';
import { describeTables, rule, VALUE, type FieldTable } from './table';
import {
	BOOLEAN_REFUSED,
	DATE_ACCEPTED,
	DATE_REFUSED,
	EMPTY_OPTIONAL,
	GENDER_CHOICES,
	choiceRefused,
	integerRefused,
	ONE_LINE_REFUSED,
} from './values';

const fixture = useSandbox();

/** A new mobile for every item: each opening creates a member. */
const newMobiles = (index: number) => ({ mobile: `1397777${String(index).padStart(4, '0')}` });

const optionalInteger = (
	label: string,
	parameters: Record<string, unknown>,
	sent: (request: RecordedRequest) => unknown,
	range: string,
	below: number,
	above?: number,
): FieldTable => ({
	label,
	parameters,
	sent,
	context: newMobiles,
	accepted: [
		['a code', 3, 3],
		['numeric text', '5', 5],
		['0 (not sent)', 0, undefined],
		['another code', 1, 1],
	],
	refused: integerRefused(range, below, above),
	omitted: EMPTY_OPTIONAL,
});

describeTables('memberCard/open', fixture, {
	mobile: mobileTable(
		'Mobile',
		{ resource: 'memberCard', operation: 'open', mobile: VALUE },
		bodyKey('Mobile'),
		'13911110001',
		'13911110002',
	),
	dataSource: optionalInteger(
		'Additional Fields › Data Source',
		{
			resource: 'memberCard',
			operation: 'open',
			mobile: '={{ $json.mobile }}',
			additionalFields: { dataSource: VALUE },
		},
		bodyKey('DataSource'),
		'of at least 0',
		-1,
	),
});

const open = (overrides: Record<string, unknown>, profile: Record<string, unknown> = {}) => ({
	resource: 'memberCard',
	operation: 'openWithProfile',
	mobile: '={{ $json.mobile }}',
	mallCardTypeId: 103,
	// A fixed field keeps the sign-up fields non-empty when the value under test is left out.
	profile: { gender: 1, ...profile },
	...overrides,
});
const signUp = (key: string) => (request: RecordedRequest) =>
	decodeUserInfo(String(bodyOf(request).UserInfo))[key];
const profileTable = (table: Omit<FieldTable, 'context' | 'omitted'>): FieldTable => ({
	context: newMobiles,
	omitted: EMPTY_OPTIONAL,
	...table,
});

const EDUCATION =
	"0 (Junior High School), 1 (High School), 2 (Bachelor's Degree), 3 (Junior College), 4 (Master's Degree), 5 (Doctorate), 6 (Prefer Not to Say)";
const HOBBIES =
	'0 (Sports & Fitness), 1 (DIY), 2 (Movies), 3 (Food), 4 (Beauty & Skincare), 5 (Shopping), 6 (Photography), 7 (Travel)';

describeTables('memberCard/openWithProfile', fixture, {
	mobile: mobileTable(
		'Mobile',
		open({ mobile: VALUE }),
		bodyKey('Mobile'),
		'13911120001',
		'13911120002',
	),
	mallCardTypeId: {
		label: 'Card Type ID',
		parameters: open({ mallCardTypeId: VALUE }),
		sent: bodyKey('MallCardTypeID'),
		context: newMobiles,
		accepted: [
			['a card type', 103, 103],
			['numeric text', '102', 102],
			['0 (the default type: not sent)', 0, undefined],
			['another card type', 101, 101],
		],
		refused: integerRefused('of at least 0', -1),
		omitted: EMPTY_OPTIONAL,
	},
	userName: freeTextTable(
		'Sign-Up Fields › Name',
		open({}, { userName: VALUE }),
		signUp('UserName'),
		false,
		newMobiles,
	),
	address: freeTextTable(
		'Sign-Up Fields › Address',
		open({}, { address: VALUE }),
		signUp('Address'),
		true,
		newMobiles,
	),
	remark1: freeTextTable(
		'Sign-Up Fields › Remark 1',
		open({}, { remark1: VALUE }),
		signUp('Remark1'),
		true,
		newMobiles,
	),
	idNum: {
		...identifierTable(
			'Sign-Up Fields › ID Number',
			open({}, { idNum: VALUE }),
			signUp('IDNum'),
			'411123486404196754',
			'E12345678',
		),
		context: newMobiles,
		// Optional: left out, it is not sent.
		refused: ONE_LINE_REFUSED,
		omitted: EMPTY_OPTIONAL,
	},
	email: profileTable({
		label: 'Sign-Up Fields › Email',
		parameters: open({}, { email: VALUE }),
		sent: signUp('Email'),
		accepted: [
			['an address', 'stefan@mallcoo.cn', 'stefan@mallcoo.cn'],
			['plus and dots', ' ann.lee+news@example.co.uk ', 'ann.lee+news@example.co.uk'],
			['a Chinese domain', '王@例子.中国', '王@例子.中国'],
		],
		refused: [
			...['not-an-email', 'a@b', '@example.com', 'a b@example.com', 'a@@example.com'].map(
				(value): [string, unknown, RegExp] => [
					value,
					value,
					rule(`must be an e-mail address like name@example.com, but is "${value}"`),
				],
			),
			['the boolean false', false, rule('must be text or a number, not the yes/no value false')],
			['a list', ['a@example.com'], rule('must be text or a number, not a list ["a@example.com"]')],
			['a line break', 'a@example.com\nb@example.com', /^must be one line of text/],
		],
	}),
	gender: profileTable({
		label: 'Sign-Up Fields › Gender',
		parameters: open({}, { userName: 'Fixed', gender: VALUE }),
		sent: signUp('Gender'),
		accepted: [
			['Female', 2, '2'],
			['Unknown as text', '0', '0'],
			['Male', 1, '1'],
		],
		refused: choiceRefused(GENDER_CHOICES, 3),
	}),
	education: profileTable({
		label: 'Sign-Up Fields › Education',
		parameters: open({}, { education: VALUE }),
		sent: signUp('Education'),
		accepted: [
			['a code', 2, '2'],
			['the last code', 6, '6'],
			['the first code as text', '0', '0'],
		],
		refused: choiceRefused(EDUCATION, 7),
	}),
	hobbyList: profileTable({
		label: 'Sign-Up Fields › Hobbies',
		parameters: open({}, { hobbyList: VALUE }),
		sent: signUp('HobbyList'),
		accepted: [
			['a list', [0, 4], '0,4'],
			['comma-separated text', '0, 4,7', '0,4,7'],
			['one code', 7, '7'],
			['codes as text in a list', ['1', '2'], '1,2'],
		],
		refused: [
			[
				'a code that does not exist',
				[0, 8],
				rule(`must be one of ${HOBBIES}, but is the number 8`),
			],
			['a word', '0,x', rule(`must be one of ${HOBBIES}, but is "x"`)],
			[
				'a boolean in the list',
				[true],
				rule(`must be one of ${HOBBIES}, not the yes/no value true`),
			],
			['a nested list', [[0]], rule(`must be one of ${HOBBIES}, not a list [0]`)],
			['a null in the list', [0, null], /^must not contain empty entries, but contains empty$/],
			[
				'the boolean true',
				true,
				rule(
					`must be a list of ${HOBBIES} (or that text, comma-separated), not the yes/no value true`,
				),
			],
			[
				'an object',
				{ hobby: 0 },
				rule(
					`must be a list of ${HOBBIES} (or that text, comma-separated), not an object {"hobby":0}`,
				),
			],
		],
	}),
	isPostal: profileTable({
		label: 'Sign-Up Fields › Accepts Post',
		parameters: open({}, { isPostal: VALUE }),
		sent: signUp('IsPostal'),
		accepted: [
			['true', true, '1'],
			['false (sent as 0, not left out)', false, '0'],
			['"true" text', 'true', '1'],
			['"FALSE" text', ' FALSE ', '0'],
			['1', 1, '1'],
			['"0" text', '0', '0'],
		],
		refused: BOOLEAN_REFUSED,
	}),
	childrenCount: profileTable({
		label: 'Sign-Up Fields › Number of Children',
		parameters: open({}, { childrenCount: VALUE }),
		sent: signUp('ChildrenCount'),
		accepted: [
			['none', 0, '0'],
			['numeric text', '2', '2'],
			['100', 100, '100'],
		],
		refused: integerRefused('from 0 to 100', -1, 101),
	}),
	age: profileTable({
		label: 'Sign-Up Fields › Age',
		parameters: open({}, { age: VALUE }),
		sent: signUp('Age'),
		accepted: [
			['20', 20, '20'],
			['150', '150', '150'],
		],
		refused: integerRefused('from 0 to 150', -1, 151),
	}),
	birthday: profileTable({
		label: 'Sign-Up Fields › Birthday',
		parameters: open({}, { birthday: VALUE }),
		sent: signUp('Birthday'),
		accepted: DATE_ACCEPTED,
		refused: DATE_REFUSED,
	}),
	dataSource: optionalInteger(
		'Additional Fields › Data Source',
		open({ additionalFields: { dataSource: VALUE } }),
		bodyKey('DataSource'),
		'of at least 0',
		-1,
	),
});

/** One hostile and one good value per kind of sign-up field, with what each must give. */
const BY_TYPE: Record<
	ProfileField['type'],
	(field: ProfileField) => { bad: unknown; problem: RegExp; good: unknown; sent: string }
> = {
	string: (field) => ({
		bad: false,
		problem: /^must be text or a number, not the yes\/no value false$/,
		good: field.name === 'email' ? ' ok@example.com ' : ' <值> "ok" 😀 ',
		sent: field.name === 'email' ? 'ok@example.com' : '<值> "ok" 😀',
	}),
	number: () => ({
		bad: -1,
		problem: /^must be from 0 to \d+, but is -1$/,
		good: 1,
		sent: '1',
	}),
	options: (field) => {
		const last = field.options![field.options!.length - 1].value;
		return {
			bad: 99,
			problem: /^must be one of 0 \(.+\), but is the number 99$/,
			good: String(last),
			sent: String(last),
		};
	},
	multiOptions: () => ({
		bad: [0, 99],
		problem: /^must be one of 0 \(.+\), but is the number 99$/,
		good: [1, 0],
		sent: '1,0',
	}),
	boolean: () => ({
		bad: 'maybe',
		problem: /^must be true or false \(or 1 or 0\), not "maybe"$/,
		good: 'true',
		sent: '1',
	}),
	date: () => ({
		bad: '2023-02-29',
		problem: /^must be a date that exists, but "2023-02-29" has no such day$/,
		good: '2000-02-29',
		sent: '2000-02-29',
	}),
};

it('memberCard/openWithProfile: every sign-up field is read as its kind, naming the field', async () => {
	const items = SIGN_UP_FIELDS.flatMap((field, index) => {
		const { bad, good } = BY_TYPE[field.type](field);
		return [
			{ field: field.name, value: bad, mobile: `1396666${String(2 * index).padStart(4, '0')}` },
			{
				field: field.name,
				value: good,
				mobile: `1396666${String(2 * index + 1).padStart(4, '0')}`,
			},
		];
	});
	const { output, error } = await runMallcoo({
		parameters: {
			resource: 'memberCard',
			operation: 'openWithProfile',
			mobile: '={{ $json.mobile }}',
			profile: Object.fromEntries(
				SIGN_UP_FIELDS.map((field) => [
					field.name,
					`={{ $json.field === '${field.name}' ? $json.value : undefined }}`,
				]),
			),
			options: { concurrency: 1 },
		},
		items,
		credentials: fixture.credentials,
		continueOnFail: true,
	});
	expect(error).toBeUndefined();
	expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
	SIGN_UP_FIELDS.forEach((field, index) => {
		const { problem } = BY_TYPE[field.type](field);
		const message = String(output[2 * index].json.error);
		const prefix = `"Sign-Up Fields › ${field.displayName}" `;
		const suffix = ` (item ${2 * index + 1})`;
		expect(message.startsWith(prefix) && message.endsWith(suffix), message).toBe(true);
		expect(message.slice(prefix.length, -suffix.length), field.name).toMatch(problem);
		expect(output[2 * index + 1].json.error, field.name).toBeUndefined();
	});
	// One request per good item, in order, each carrying exactly its one field.
	expect(
		fixture.sandbox.requests.map((request) => decodeUserInfo(String(bodyOf(request).UserInfo))),
	).toEqual(SIGN_UP_FIELDS.map((field) => ({ [field.apiName]: BY_TYPE[field.type](field).sent })));
});
