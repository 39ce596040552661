import { describe, expect, it } from 'vitest';

import {
	DEFAULT_DIALECT,
	DIALECTS,
	REFUSALS,
	SEED_MEMBERS,
	startSandbox,
	type Dialect,
	type RefusalKind,
} from '../../sandbox/server';
import { useSandbox } from '../helpers/sandbox';
import { call as signedCall, sandboxCalls, type CallOptions } from '../helpers/sandboxCall';
import { ENTER, FIND_CAR, INFORM, PLUS, SUBTRACT } from './paths';

/**
 * Dialects: every refusal keeps its meaning and gets another Code and Message per dialect, so a
 * client can be proven to read answers by meaning. Faults behave alike in every dialect.
 */

const fixture = useSandbox();
const { call, control } = sandboxCalls(fixture);

const [zhang, li, wang] = SEED_MEMBERS;
/**
 * Codes the platform's own pages give (Park.html), and the one public client code reads by
 * number (GetCanUse's 6, no data): the same in every dialect.
 */
const DOCUMENTED: readonly RefusalKind[] = ['parkingParameter', 'carParkNotFound', 'noData'];

type Situation = { path: string; body: unknown; options?: CallOptions };

/** One request per refusal kind that the sandbox must refuse with exactly that meaning. */
const SITUATIONS: Record<Exclude<RefusalKind, 'rateLimited'>, Situation> = {
	missingHeader: {
		path: '/User/AdvancedInfo/v1/Get/ByMobile/',
		body: { Mobile: zhang.Mobile },
		options: { headers: { Sign: undefined } },
	},
	unknownAppId: {
		path: '/User/AdvancedInfo/v1/Get/ByMobile/',
		body: { Mobile: zhang.Mobile },
		options: { headers: { AppID: 'nobody' } },
	},
	wrongPublicKey: {
		path: '/User/AdvancedInfo/v1/Get/ByMobile/',
		body: { Mobile: zhang.Mobile },
		options: { headers: { PublicKey: 'wrong' } },
	},
	badTimeStamp: {
		path: '/User/AdvancedInfo/v1/Get/ByMobile/',
		body: { Mobile: zhang.Mobile },
		options: { timeStamp: '2024-01-01' },
	},
	staleTimeStamp: {
		path: '/User/AdvancedInfo/v1/Get/ByMobile/',
		body: { Mobile: zhang.Mobile },
		options: { timeStamp: '20200101000000' },
	},
	badSign: {
		path: '/User/AdvancedInfo/v1/Get/ByMobile/',
		body: { Mobile: zhang.Mobile },
		options: { privateKey: 'wrong' },
	},
	parameter: { path: '/User/AdvancedInfo/v1/Get/ByMobile/', body: {} },
	parkingParameter: { path: ENTER, body: {} },
	carParkNotFound: {
		path: ENTER,
		body: { ParkCode: '9', PlateNo: '沪A00001', InTime: '2024-01-01 10:00:00' },
	},
	userNotFound: { path: '/User/BaseInfo/v1/Get/ByOpenUserID/', body: { OpenUserID: 'nobody' } },
	memberNotFound: { path: '/User/AdvancedInfo/v1/Get/ByMobile/', body: { Mobile: '13899999999' } },
	cardNotFound: { path: '/User/AdvancedInfo/v1/Get/ByMallCardNo/', body: { MallCardNo: '000' } },
	ticketInvalid: { path: '/User/OAuth/v1/GetToken/ByTicket/', body: { Ticket: 'nope' } },
	userTokenInvalid: { path: '/User/BaseInfo/v1/Get/ByToken/', body: { UserToken: 'nope' } },
	alreadyMember: { path: '/User/MallCard/v1/Open/ByMobile/', body: { Mobile: zhang.Mobile } },
	mobileRegistered: {
		path: '/User/AdvancedInfo/v1/ChangeOnlineUserMobile/',
		body: { OldMobile: zhang.Mobile, Mobile: li.Mobile },
	},
	thirdPartyCardNotFound: {
		path: '/User/AdvancedInfo/v1/UpdateStatus/ByThirdPartyCardID',
		body: { ThirdPartyCardID: 'none', MallCardStatus: 1 },
	},
	// A seeded consumption's TransID, so the first report is already the repeat.
	duplicateTransId: {
		path: INFORM,
		body: {
			TransID: 'SEED-1000053-0001-001',
			TradeTime: '2024-07-01 10:00:00',
			Amount: 1,
			McShopID: 1000053,
		},
	},
	insufficientPoints: {
		path: SUBTRACT,
		body: { OpenUserId: wang.OpenUserID, ScoreEvent: 1, Score: 10, TransID: 'dialect-sub' },
	},
	shopNotFound: {
		path: INFORM,
		body: { TransID: 'dialect-shop', TradeTime: '2024-07-01 10:00:00', Amount: 1, McShopID: 1 },
	},
	carNotFound: { path: FIND_CAR, body: { PlateNo: '沪Z00000' } },
	orderNotFound: {
		path: '/Pay/Pos/v1/Order/Sync',
		body: { OrderID: 'KG-none', TotalDiscount: 0, PayableAmount: 1 },
	},
	activityNotFound: { path: '/Event/Activity/V1/GetDetail/', body: { ActivityID: 1 } },
	noData: { path: '/Coupon/v1/GetCanUse/ByMobile/', body: { Mobile: zhang.Mobile } },
};

/** The fixed text of a message template (before its first {detail}). */
const fixedText = (message: string) => message.split('{detail}')[0];

async function answers(dialect: Dialect) {
	expect((await control('POST', 'dialect', { dialect })).json).toMatchObject({ ok: true, dialect });
	const seen = {} as Record<string, { status: number; code: number; message: string }>;
	for (const [kind, { path, body, options }] of Object.entries(SITUATIONS)) {
		const res = await call(path, body, options);
		seen[kind] = { status: res.status, code: res.json.Code, message: res.json.Message };
	}
	await control('POST', 'rate-limit', { perSecond: 1 });
	await call('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: zhang.Mobile });
	const limited = await call('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: zhang.Mobile });
	expect(limited.headers['retry-after']).toBe('1');
	seen.rateLimited = {
		status: limited.status,
		code: limited.json.Code,
		message: limited.json.Message,
	};
	await control('POST', 'rate-limit', { perSecond: null });
	return seen;
}

describe('the meaning table', () => {
	it('has a Code and a Message for every refusal in every dialect, and a situation for each', () => {
		expect(DIALECTS).toEqual(expect.arrayContaining(['classic', 'alt']));
		expect(DEFAULT_DIALECT).toBe('classic');
		expect([...Object.keys(SITUATIONS), 'rateLimited'].sort()).toEqual(
			Object.keys(REFUSALS).sort(),
		);
		for (const [kind, entry] of Object.entries(REFUSALS)) {
			for (const dialect of DIALECTS) {
				const wording = (entry as Record<Dialect, { code: number; message: string }>)[dialect];
				expect(Number.isSafeInteger(wording?.code), `${kind} ${dialect}`).toBe(true);
				expect(wording.message.length, `${kind} ${dialect}`).toBeGreaterThan(0);
			}
		}
	});

	it('gives each dialect codes and wordings of its own, except the codes the documents give', () => {
		expect(DIALECTS).toContain('english');
		const codesOf = (dialect: Dialect) =>
			new Set<number>(Object.values(REFUSALS).map((e) => e[dialect].code));
		for (const dialect of DIALECTS) {
			for (const other of DIALECTS) {
				if (other === dialect) continue;
				const otherCodes = codesOf(other);
				for (const [kind, entry] of Object.entries(REFUSALS) as Array<
					[RefusalKind, (typeof REFUSALS)[RefusalKind]]
				>) {
					const [mine, theirs] = [entry[dialect], entry[other]];
					if (DOCUMENTED.includes(kind)) {
						expect(mine.code, `${dialect} ${kind}`).toBe(theirs.code);
						continue;
					}
					expect(otherCodes.has(mine.code), `${dialect} ${kind} in ${other}`).toBe(false);
					expect(fixedText(mine.message), `${dialect} ${kind}`).not.toBe(fixedText(theirs.message));
				}
			}
		}
	});

	it('words english in English only (what a refusal names is inserted as given)', () => {
		for (const [kind, entry] of Object.entries(REFUSALS))
			expect(entry.english.message, kind).not.toMatch(/[\u4e00-\u9fff]/);
	});
});

describe('the same situations in each dialect', () => {
	it("answer with that dialect's Code and Message for every refusal, and log them", async () => {
		const byDialect = {} as Record<Dialect, Awaited<ReturnType<typeof answers>>>;
		for (const dialect of DIALECTS) {
			fixture.sandbox.reset();
			byDialect[dialect] = await answers(dialect);
			for (const [kind, seen] of Object.entries(byDialect[dialect])) {
				const wording = REFUSALS[kind as RefusalKind][dialect];
				expect(seen.status, `${dialect} ${kind}`).toBe(kind === 'rateLimited' ? 429 : 200);
				expect(seen.code, `${dialect} ${kind}: ${seen.message}`).toBe(wording.code);
				expect(
					seen.message.startsWith(fixedText(wording.message)),
					`${dialect} ${kind}: ${seen.message}`,
				).toBe(true);
			}
			const logged = fixture.sandbox.requests.filter(
				(r) => r.response.code !== 1 && !r.response.rateLimited,
			);
			expect(logged.map((r) => r.response.code)).toEqual(
				Object.keys(SITUATIONS).map((kind) => byDialect[dialect][kind].code),
			);
		}
		for (const kind of Object.keys(byDialect.classic) as RefusalKind[]) {
			if (DOCUMENTED.includes(kind)) continue;
			for (const dialect of DIALECTS.filter((name) => name !== 'classic')) {
				expect(byDialect[dialect][kind].code, kind).not.toBe(byDialect.classic[kind].code);
				expect(byDialect[dialect][kind].message, kind).not.toBe(byDialect.classic[kind].message);
			}
		}
	});

	it('changes nothing on a refusal in any dialect (a repeated TransID applies once)', async () => {
		for (const dialect of DIALECTS) {
			fixture.sandbox.reset();
			fixture.sandbox.setDialect(dialect);
			const body = {
				OpenUserId: zhang.OpenUserID,
				ScoreEvent: 6,
				Score: 10,
				TransID: `once-${dialect}`,
			};
			expect((await call(PLUS, body)).json.Code).toBe(1);
			expect((await call(PLUS, body)).json.Code).toBe(REFUSALS.duplicateTransId[dialect].code);
			expect(fixture.sandbox.members.get(zhang.Mobile)!.Card!.Score).toBe(zhang.Card!.Score + 10);
			expect(fixture.sandbox.applied.repeated()).toEqual([]);
		}
	});
});

describe('the switch', () => {
	it('is read and set through the control API, refuses unknown names, and reset returns to the start dialect', async () => {
		expect((await control('GET', 'dialect')).json).toMatchObject({
			dialect: 'classic',
			dialects: [...DIALECTS],
		});
		expect((await control('POST', 'dialect', { dialect: 'nonsense' })).status).toBe(400);
		await control('POST', 'dialect', { dialect: 'alt' });
		expect((await control('GET', 'health')).json.dialect).toBe('alt');
		await control('POST', 'reset');
		expect(fixture.sandbox.dialect).toBe('classic');
		await control('POST', 'reset', { dialect: 'alt' });
		expect(fixture.sandbox.dialect).toBe('alt');
		expect(() => fixture.sandbox.setDialect('nonsense' as Dialect)).toThrow(RangeError);
	});

	it('starts in the dialect startSandbox is given, and returns to it on reset', async () => {
		const alt = await startSandbox({ port: 0, dialect: 'alt' });
		try {
			const { path, body } = SITUATIONS.memberNotFound;
			expect((await signedCall(alt, path, body)).json.Code).toBe(REFUSALS.memberNotFound.alt.code);
			alt.setDialect('classic');
			alt.reset();
			expect(alt.dialect).toBe('alt');
		} finally {
			await alt.close();
		}
		await expect(startSandbox({ port: 0, dialect: 'nonsense' as Dialect })).rejects.toThrow(
			RangeError,
		);
	});
});

describe('the clock', () => {
	it('runs ahead or behind by the offset set (control API or setClockOffset), until a reset', async () => {
		const { path, body } = SITUATIONS.memberNotFound;
		expect((await control('POST', 'clock', { offsetMs: 10 * 60_000 })).json).toMatchObject({
			ok: true,
			clockOffsetMs: 600_000,
		});
		expect((await control('GET', 'health')).json.clockOffsetMs).toBe(600_000);
		expect((await call(path, body)).json.Code).toBe(REFUSALS.staleTimeStamp.classic.code);
		fixture.sandbox.setClockOffset(-10 * 60_000);
		expect((await call(path, body)).json.Code).toBe(REFUSALS.staleTimeStamp.classic.code);
		// Inside the ±5 minutes the platform allows, the request passes.
		fixture.sandbox.setClockOffset(4 * 60_000);
		expect((await call(path, body)).json.Code).toBe(REFUSALS.memberNotFound.classic.code);
		expect((await control('POST', 'clock', { offsetMs: 'soon' })).status).toBe(400);
		await control('POST', 'clock', { offsetMs: 600_000 });
		await control('POST', 'reset');
		expect(fixture.sandbox.clockOffsetMs).toBe(0);
		expect((await call(path, body)).json.Code).toBe(REFUSALS.memberNotFound.classic.code);
	});
});

describe('faults in every dialect', () => {
	it('apply after-apply faults and draw the same seeded random mix', async () => {
		const runs: Record<string, unknown[]> = {};
		for (const dialect of DIALECTS) {
			fixture.sandbox.reset();
			fixture.sandbox.setDialect(dialect);
			fixture.sandbox.injectFaults(['http500AfterApply']);
			const body = { OpenUserId: zhang.OpenUserID, ScoreEvent: 6, Score: 10, TransID: 'after' };
			expect((await call(PLUS, body)).status).toBe(500);
			expect((await call(PLUS, body)).json.Code).toBe(REFUSALS.duplicateTransId[dialect].code);
			expect(fixture.sandbox.requests[0].response).toMatchObject({
				fault: 'http500AfterApply',
				appliedCode: 1,
			});

			fixture.sandbox.reset();
			fixture.sandbox.setDialect(dialect);
			fixture.sandbox.setRandomFaults({
				rate: 0.5,
				kinds: ['http500', 'http429', 'notJson'],
				seed: 7,
			});
			for (let i = 0; i < 20; i++) await call(PLUS, { ...body, TransID: `r-${i}` });
			runs[dialect] = fixture.sandbox.requests.map((r) => r.response.fault ?? null);
			expect(runs[dialect].filter(Boolean).length).toBeGreaterThan(0);
		}
		expect(runs.alt).toEqual(runs.classic);
		expect(runs.english).toEqual(runs.classic);
	});
});
