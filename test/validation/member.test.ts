/**
 * Hostile and legitimate values for every parameter of the member operations, through n8n's
 * engine against the sandbox (see table.ts for what each table checks).
 */
import { describe, expect, it } from 'vitest';

import { SEED_MEMBERS, type RecordedRequest } from '../../sandbox/server';
import { runMallcoo } from '../helpers/engine';
import { decodeUserInfo } from '../helpers/operations';
import { useSandbox } from '../helpers/sandbox';
import {
	bodyKey,
	bodyOf,
	freeTextTable,
	identifierTable,
	mobileTable,
	userIdentifierTables,
} from './kinds';
import { describeTables, VALUE } from './table';
import {
	DATE_ACCEPTED,
	DATE_REFUSED,
	EMPTY_OPTIONAL,
	EMPTY_REQUIRED,
	GENDER_CHOICES,
	choiceRefused,
	integerRefused,
} from './values';

const fixture = useSandbox();
const [ada, bea, cai, dan, eve, fay] = SEED_MEMBERS;
const card = (member: (typeof SEED_MEMBERS)[number]) => member.Card!;

const get = (findBy: string) => ({ resource: 'member', operation: 'get', findBy, [findBy]: VALUE });

describeTables('member/get', fixture, {
	mobile: mobileTable('Mobile', get('mobile'), bodyKey('Mobile'), ada.Mobile, bea.Mobile),
	mallCardNo: identifierTable(
		'Mall Card Number',
		get('mallCardNo'),
		bodyKey('MallCardNo'),
		card(ada).MallCardNo,
		card(bea).MallCardNo,
	),
	...userIdentifierTables(get, ada, bea),
});

describeTables('member/getProfile', fixture, {
	mobile: mobileTable(
		'Mobile',
		{ resource: 'member', operation: 'getProfile', mobile: VALUE },
		bodyKey('Mobile'),
		dan.Mobile,
		ada.Mobile,
	),
});

describeTables('member/checkConversion', fixture, {
	mobile: mobileTable(
		'Mobile',
		{ resource: 'member', operation: 'checkConversion', findBy: 'mobile', mobile: VALUE },
		bodyKey('Mobile'),
		ada.Mobile,
		bea.Mobile,
	),
	mallCardNo: identifierTable(
		'Mall Card Number',
		{ resource: 'member', operation: 'checkConversion', findBy: 'mallCardNo', mallCardNo: VALUE },
		bodyKey('MallCardNo'),
		card(ada).MallCardNo,
		card(bea).MallCardNo,
	),
});

/** What UserInfo carried for one field, decoded as the platform decodes it. */
const userInfoKey =
	(key: string) =>
	(request: RecordedRequest): unknown =>
		decodeUserInfo(String(bodyOf(request).UserInfo))[key];

const update = (updateFields: Record<string, unknown>) => ({
	resource: 'member',
	operation: 'update',
	mobile: ada.Mobile,
	// A second, fixed field keeps the update non-empty when the value under test is left out.
	updateFields: { gender: 1, ...updateFields },
});
const updateWithout = (field: string, updateFields: Record<string, unknown>) => ({
	...update(updateFields),
	updateFields: { [field]: 'x', ...updateFields },
});

describeTables('member/update', fixture, {
	mobile: mobileTable(
		'Mobile',
		{ resource: 'member', operation: 'update', mobile: VALUE, updateFields: { age: 30 } },
		bodyKey('Mobile'),
		ada.Mobile,
		bea.Mobile,
	),
	userName: freeTextTable(
		'Update Fields › Name',
		update({ userName: VALUE }),
		userInfoKey('UserName'),
		false,
	),
	address: freeTextTable(
		'Update Fields › Address',
		update({ address: VALUE }),
		userInfoKey('Address'),
		true,
	),
	gender: {
		label: 'Update Fields › Gender',
		parameters: updateWithout('userName', { gender: VALUE }),
		sent: userInfoKey('Gender'),
		accepted: [
			['Unknown', 0, 0],
			['Male as text', '1', 1],
			['Female', 2, 2],
		],
		refused: choiceRefused(GENDER_CHOICES, 3),
		omitted: EMPTY_OPTIONAL,
	},
	age: {
		label: 'Update Fields › Age',
		parameters: update({ age: VALUE }),
		sent: userInfoKey('Age'),
		accepted: [
			['31', 31, 31],
			['0', 0, 0],
			['150', 150, 150],
			['numeric text', ' 42 ', 42],
			['31.0 (a whole number)', 31.0, 31],
			['a signed text', '+7', 7],
		],
		refused: integerRefused('from 0 to 150', -1, 151),
		omitted: EMPTY_OPTIONAL,
	},
	birthday: {
		label: 'Update Fields › Birthday',
		parameters: update({ birthday: VALUE }),
		sent: userInfoKey('Birthday'),
		accepted: DATE_ACCEPTED,
		refused: DATE_REFUSED,
		omitted: EMPTY_OPTIONAL,
	},
});

const UNKNOWN = 'CRM-NOT-A-MEMBER';
/** Distinct CRM IDs where a write changes or deletes the card: first ada's, last bea's, others cai's..fay's. */
const crmIds = (index: number, count: number) => ({
	card:
		index === 0
			? card(ada).ThirdPartyCardID
			: index === count - 1
				? card(bea).ThirdPartyCardID
				: [cai, dan, eve].map((member) => card(member).ThirdPartyCardID)[index % 3],
});

const sync = (overrides: Record<string, unknown>) => ({
	resource: 'member',
	operation: 'syncFromCrm',
	thirdPartyCardId: '={{ $json.card }}',
	vipGrade: '2',
	bonus: 100,
	...overrides,
});
const updateDic = (key: string) => (request: RecordedRequest) =>
	(bodyOf(request).UpdateDic as Record<string, unknown>)[key];

describeTables('member/syncFromCrm', fixture, {
	thirdPartyCardId: identifierTable(
		'Third-Party Card ID',
		sync({ thirdPartyCardId: VALUE }),
		bodyKey('ThirdPartyCardID'),
		card(ada).ThirdPartyCardID,
		card(bea).ThirdPartyCardID,
		[['an unknown ID', UNKNOWN, UNKNOWN]],
	),
	vipGrade: {
		...identifierTable('VIP Grade', sync({ vipGrade: VALUE }), updateDic('VipGrade'), '3', 'V2'),
		context: crmIds,
	},
	bonus: {
		label: 'Points',
		parameters: sync({ bonus: VALUE }),
		sent: updateDic('Bonus'),
		context: crmIds,
		accepted: [
			['a balance', 4321, '4321'],
			['0', 0, '0'],
			['numeric text', '100', '100'],
			['a large balance', 9007199254740991, '9007199254740991'],
		],
		refused: [...EMPTY_REQUIRED, ...integerRefused('of at least 0', -1)],
	},
	newThirdPartyCardId: {
		...freeTextTable(
			'Additional Fields › New Third-Party Card ID',
			sync({ additionalFields: { newThirdPartyCardId: VALUE } }),
			updateDic('ThirdPartyCardID'),
			false,
			crmIds,
		),
		// An identifier takes no free text worth showing off; a few values are enough here.
		accepted: [
			['an ID', 'CRM-NEW-1', 'CRM-NEW-1'],
			['a number', 77, '77'],
			['another ID', 'CRM-NEW-2', 'CRM-NEW-2'],
		],
	},
	newThirdPartyCardNo: {
		...freeTextTable(
			'Additional Fields › New Third-Party Card Number',
			sync({ additionalFields: { newThirdPartyCardNo: VALUE } }),
			updateDic('ThirdPartyCardNo'),
			false,
			crmIds,
		),
		accepted: [
			['a card number', 'NO-1', 'NO-1'],
			['another card number', 'NO-2', 'NO-2'],
		],
	},
});

const status = (overrides: Record<string, unknown>) => ({
	resource: 'member',
	operation: 'updateStatus',
	thirdPartyCardId: '={{ $json.card }}',
	mallCardStatus: -1,
	...overrides,
});

describeTables('member/updateStatus', fixture, {
	thirdPartyCardId: identifierTable(
		'Third-Party Card ID',
		status({ thirdPartyCardId: VALUE }),
		bodyKey('ThirdPartyCardID'),
		card(ada).ThirdPartyCardID,
		card(bea).ThirdPartyCardID,
	),
	mallCardStatus: {
		label: 'Card Status',
		parameters: status({ mallCardStatus: VALUE }),
		sent: bodyKey('MallCardStatus'),
		context: crmIds,
		accepted: [
			['-1 (delete)', -1, -1],
			['-1 as text', '-1', -1],
			['0', 0, 0],
			['-1 again', -1, -1],
		],
		refused: [...EMPTY_REQUIRED, ...integerRefused('of at least -1', -2)],
	},
});

/** Card holders to move, first ada and last bea; the new numbers are all distinct. */
const moves = (index: number, count: number) => ({
	old:
		index === 0
			? ada.Mobile
			: index === count - 1
				? bea.Mobile
				: [cai, dan, eve, fay][index % 4].Mobile,
	newMobile: `139555${String(index).padStart(5, '0')}`,
});
const change = (overrides: Record<string, unknown>) => ({
	resource: 'member',
	operation: 'changeMobile',
	oldMobile: '={{ $json.old }}',
	mobile: '={{ $json.newMobile }}',
	...overrides,
});
const decoded = (key: string) => (request: RecordedRequest) => {
	const value = bodyOf(request)[key];
	return value === undefined ? undefined : decodeURIComponent(String(value));
};

describeTables('member/changeMobile', fixture, {
	mobile: mobileTable(
		'New Mobile',
		change({ mobile: VALUE }),
		bodyKey('Mobile'),
		'13912340001',
		'13912340002',
		moves,
	),
	oldMobile: mobileTable(
		'Old Mobile',
		change({ oldMobile: VALUE }),
		bodyKey('OldMobile'),
		ada.Mobile,
		bea.Mobile,
		moves,
	),
	thirdCrmRefId: {
		...freeTextTable(
			'Additional Fields › CRM Reference ID',
			change({ additionalFields: { thirdCrmRefId: VALUE } }),
			bodyKey('ThirdCRMRefID'),
			false,
			moves,
		),
		accepted: [
			['an ID', 'REF-9', 'REF-9'],
			['a number', 23333, '23333'],
			['another ID', ' REF-10 ', 'REF-10'],
		],
	},
	remark: freeTextTable(
		'Additional Fields › Remark',
		change({ additionalFields: { remark: VALUE } }),
		decoded('Remark'),
		true,
		moves,
	),
	updator: freeTextTable(
		'Additional Fields › Changed By',
		change({ additionalFields: { updator: VALUE } }),
		decoded('Updator'),
		false,
		moves,
	),
	updatorId: {
		label: 'Additional Fields › Changed By ID',
		parameters: change({ additionalFields: { updatorId: VALUE } }),
		sent: bodyKey('UpdatorID'),
		context: moves,
		accepted: [
			['an ID', 77, 77],
			['numeric text', '78', 78],
			['0 (not sent)', 0, undefined],
			['another ID', 9007199254740991, 9007199254740991],
		],
		refused: integerRefused('of at least 0', -1),
		omitted: EMPTY_OPTIONAL,
	},
});

describe('Find By', () => {
	const run = (parameters: Record<string, unknown>) =>
		runMallcoo({
			parameters,
			items: [{ value: ada.Mobile }, { value: bea.Mobile }],
			credentials: fixture.credentials,
			continueOnFail: true,
		});

	it.each([
		[
			'member/checkConversion',
			{ resource: 'member', operation: 'checkConversion', findBy: 'userToken', userToken: 'x' },
			'must be one of mobile (Mobile), mallCardNo (Mall Card Number), but is "userToken"',
		],
		[
			'member/get',
			{ resource: 'member', operation: 'get', findBy: 'thirdPartyCardId' },
			'must be one of mobile (Mobile), mallCardNo (Mall Card Number), userToken (User Token), openUserId (Open User ID), wxOpenId (WeChat OpenID), aliUserId (Alipay User ID), but is "thirdPartyCardId"',
		],
		[
			// n8n does not evaluate expressions in a selector that takes none: the text itself is refused.
			'member/get, an expression in the selector',
			{ resource: 'member', operation: 'get', findBy: '={{ ["mobile"] }}', mobile: ada.Mobile },
			'must be one of mobile (Mobile), mallCardNo (Mall Card Number), userToken (User Token), openUserId (Open User ID), wxOpenId (WeChat OpenID), aliUserId (Alipay User ID), but is "{{ [\\"mobile\\"] }}"',
		],
	])(
		'%s: a key the operation does not offer names its own choices, sends nothing',
		async (_, parameters, problem) => {
			const { output, error } = await run(parameters);
			expect(error).toBeUndefined();
			expect(output.map((item) => item.json.error)).toEqual([
				`"Find By" ${problem} (item 1)`,
				`"Find By" ${problem} (item 2)`,
			]);
			expect(fixture.sandbox.requests).toHaveLength(0);
		},
	);
});

describe('without Continue On Fail', () => {
	it('the first refused value stops the node before anything is sent', async () => {
		const { output, error } = await runMallcoo({
			parameters: update({ birthday: VALUE }),
			items: [{ value: '1990-01-31' }, { value: '2024-02-30' }, { value: '1990-01-31' }],
			credentials: fixture.credentials,
		});
		expect(error?.message).toBe(
			'"Update Fields › Birthday" must be a date that exists, but "2024-02-30" has no such day (item 2)',
		);
		expect(output).toHaveLength(0);
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});
