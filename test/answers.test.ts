/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * The one table of what a Mallcoo answer means (nodes/Mallcoo/transport/answers.ts): every
 * refusal of every sandbox dialect, wordings no dialect uses, and answers nothing may place.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import {
	meaningOf,
	PUBLISHED_CODES,
	WORDINGS,
	type AnswerKind,
	type Meaning,
} from '../nodes/Mallcoo/transport/answers';
import { DIALECTS, REFUSALS, Refusal, word, type RefusalKind } from '../sandbox/refusals';

const USER_PATH = '/User/AdvancedInfo/v1/Get/ByMobile/';
const PARKING_PATH = '/Parking/V1/EnterInfoNotify/';
const USABLE_COUPONS_PATH = '/Coupon/v1/GetCanUse/ByMobile/';

/** What each sandbox refusal must mean to the node; `about` where the meaning names it in every dialect. */
const EXPECTED: Record<RefusalKind, { kind: AnswerKind; about?: string; detail?: string }> = {
	missingHeader: { kind: 'identityRejected', about: 'headers', detail: 'Sign' },
	unknownAppId: { kind: 'identityRejected', about: 'appId' },
	wrongPublicKey: { kind: 'identityRejected', about: 'publicKey' },
	badTimeStamp: { kind: 'identityRejected', about: 'timeStamp' },
	staleTimeStamp: { kind: 'identityRejected', about: 'timeStamp', detail: '300' },
	badSign: { kind: 'identityRejected', about: 'sign' },
	parameter: { kind: 'parameterError', detail: 'Mobile 缺失或类型错误 (missing or wrong type)' },
	parkingParameter: { kind: 'parameterError', detail: 'PlateNo 缺失或类型错误' },
	carParkNotFound: { kind: 'notFound', about: 'car park' },
	userNotFound: { kind: 'notFound', about: 'user' },
	memberNotFound: { kind: 'notFound', about: 'member' },
	cardNotFound: { kind: 'notFound' },
	ticketInvalid: { kind: 'ticketRefused' },
	userTokenInvalid: { kind: 'userTokenRefused' },
	alreadyMember: { kind: 'alreadyRegistered', about: 'member' },
	mobileRegistered: { kind: 'alreadyRegistered', about: 'mobile' },
	thirdPartyCardNotFound: { kind: 'notFound', about: 'third-party card' },
	duplicateTransId: { kind: 'repeatedTransaction' },
	insufficientPoints: { kind: 'insufficientPoints', detail: '余额 0, 扣减 10' },
	shopNotFound: { kind: 'notFound', about: 'shop', detail: 'McShopID 1' },
	carNotFound: { kind: 'notFound', about: 'car' },
	noData: { kind: 'notFound', about: 'data' },
	orderNotFound: { kind: 'notFound', detail: 'PosOrderID 42' },
	activityNotFound: { kind: 'notFound', detail: '42' },
	rateLimited: { kind: 'rateLimited' },
};

const PARKING_KINDS: RefusalKind[] = ['parkingParameter', 'carParkNotFound', 'carNotFound'];

describe('every refusal of every sandbox dialect', () => {
	it.each(DIALECTS)(
		'%s: each keeps its meaning, read from the wording or a published code',
		(dialect) => {
			for (const [kind, expected] of Object.entries(EXPECTED) as Array<
				[RefusalKind, (typeof EXPECTED)[RefusalKind]]
			>) {
				const { status, code, message } = word(new Refusal(kind, expected.detail), dialect);
				const path = PARKING_KINDS.includes(kind)
					? PARKING_PATH
					: kind === 'noData'
						? USABLE_COUPONS_PATH
						: USER_PATH;
				// Under HTTP 200 too, so the rate limit is recognised by its wording, not only by 429.
				for (const asStatus of new Set([status, 200])) {
					const meaning = meaningOf({ status: asStatus, code, message, path });
					expect(meaning.kind, `${dialect} ${kind}: ${code} ${message}`).toBe(expected.kind);
					if (expected.about) expect(meaning.about, `${dialect} ${kind}`).toBe(expected.about);
				}
			}
		},
	);

	it("never by the sandbox's numbers: each of its codes alone, without a message, is unknown", () => {
		const published = new Set(PUBLISHED_CODES.map((entry) => entry.code));
		const codes = new Set<number>();
		for (const entry of Object.values(REFUSALS))
			for (const dialect of DIALECTS) codes.add(entry[dialect].code);
		for (const code of codes) {
			if (published.has(code)) continue;
			expect(meaningOf({ status: 200, code, message: '', path: USER_PATH }), String(code)).toEqual({
				kind: 'unknown',
				by: 'none',
			});
		}
	});
});

describe('wordings no dialect uses', () => {
	const cases: Array<[string, AnswerKind, string?]> = [
		['会员信息不存在', 'notFound', 'member'],
		['查无此用户', 'notFound', 'user'],
		['member does not exist', 'notFound', 'member'],
		['Card not found', 'notFound', 'card'],
		['该商铺不存在', 'notFound', 'shop'],
		['签名不正确', 'identityRejected', 'sign'],
		['Invalid sign', 'identityRejected', 'sign'],
		['验签失败', 'identityRejected', 'sign'],
		['请求已过期,请检查时间戳', 'identityRejected', 'timeStamp'],
		['AppId is invalid', 'identityRejected', 'appId'],
		['应用不存在', 'identityRejected', 'appId'],
		['公钥不匹配', 'identityRejected', 'publicKey'],
		['Missing header: PublicKey', 'identityRejected', 'headers'],
		['该会员已开卡', 'alreadyRegistered', 'member'],
		['手机号已被使用', 'alreadyRegistered', 'mobile'],
		['流水号已存在', 'repeatedTransaction'],
		['TransID has already been used', 'repeatedTransaction'],
		['订单号重复', 'repeatedTransaction'],
		['Transaction already processed', 'repeatedTransaction'],
		['会员积分余额不足', 'insufficientPoints'],
		['访问过于频繁', 'rateLimited'],
		['Too many requests', 'rateLimited'],
		['Ticket不存在', 'ticketRefused'],
		['ticket expired', 'ticketRefused'],
		['UserToken无效', 'userTokenRefused'],
		['Mobile 格式不正确', 'parameterError'],
		['PageSize is required', 'parameterError'],
	];
	it.each(cases)('%s → %s %s', (message, kind, about) => {
		const meaning = meaningOf({ status: 200, code: 98765, message, path: USER_PATH });
		expect(meaning.kind).toBe(kind);
		expect(meaning.by).toBe('wording');
		if (about) expect(meaning.about).toBe(about);
	});
});

describe('what stays unknown', () => {
	const unknown: Meaning = { kind: 'unknown', by: 'none' };
	it.each([
		[{ status: 200, code: 500, message: '系统繁忙,请稍后再试' }],
		[{ status: 200, code: 0, message: '' }],
		[{ status: 200, code: -1, message: 'Internal server error' }],
		[{ status: 200, code: 9999, message: '操作失败' }],
		[{ status: 200, code: 9999 }],
		[{ status: 200, code: 9999, message: { text: '会员不存在' } }],
		// An HTTP error is no API envelope, whatever its body says.
		[{ status: 404, code: 404, message: '会员不存在' }],
		[{ status: 500, code: 1, message: '成功' }],
		// Published codes say nothing outside the endpoints they were published for.
		[{ status: 200, code: 307, message: '', path: USER_PATH }],
		[{ status: 200, code: 1101, message: '', path: USER_PATH }],
		[{ status: 200, code: 6, message: '' }],
	])('%j', (answer) => {
		expect(meaningOf(answer)).toEqual(unknown);
	});
});

describe('codes with a published meaning', () => {
	it.each([
		[1, USER_PATH, 'success', undefined],
		[2, PARKING_PATH, 'parameterError', undefined],
		[1101, PARKING_PATH, 'notFound', 'car park'],
		[307, '/User/MallCard/v1/Open/ByMobile/', 'alreadyRegistered', 'member'],
		[307, '/User/MallCard/v2/Open/ByMallCardTypeID/', 'alreadyRegistered', 'member'],
		[6, '/Coupon/v1/GetCanUse/ByMobile/', 'notFound', 'data'],
	] as const)('%i on %s → %s', (code, path, kind, about) => {
		// The code decides, whatever the message says.
		expect(meaningOf({ status: 200, code, message: '操作失败', path })).toEqual({
			kind,
			...(about ? { about } : {}),
			by: 'code',
		});
	});

	it('a rate limit is HTTP 429 whatever the body', () => {
		expect(meaningOf({ status: 429 })).toEqual({ kind: 'rateLimited', by: 'status' });
	});
});

describe('README', () => {
	const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
	const section = readme.split("## What Mallcoo's answers mean")[1]?.split('\n## ')[0] ?? '';

	it("lists every kind, every published code and the credential Test's three outcomes", () => {
		expect(section.length).toBeGreaterThan(0);
		for (const { kind } of WORDINGS) expect(section, kind).toContain(`\`${kind}\``);
		for (const { code } of PUBLISHED_CODES) expect(section, String(code)).toContain(`| ${code} `);
		expect(section).toContain('`unknown`');
		expect(readme).toMatch(/Test.*three outcomes/is);
	});
});
