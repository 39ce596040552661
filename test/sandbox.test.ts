/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'undici';

import { chinaTimeStamp } from '../credentials/chinaTime';
import { mallcooSign } from '../credentials/mallcooSignature';
import {
	DEMO_CREDENTIALS,
	ENDPOINTS,
	SANDBOX_CODES,
	SEED_MEMBERS,
	startSandbox,
	type RecordedRequest,
	type Sandbox,
} from '../sandbox/server';

/** Real HTTP against a sandbox on a free port, signed exactly as the credential signs. */

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

interface CallOptions {
	privateKey?: string;
	timeStamp?: string;
	/** Replaces or (with undefined) removes headers after signing. */
	headers?: Record<string, string | undefined>;
	/** Changes the body after it was signed. */
	tamper?: (body: string) => string;
	method?: 'POST' | 'GET';
	headersTimeout?: number;
}

interface Envelope {
	Code: number;
	Message: string;
	Data?: Record<string, unknown>;
}

async function call(
	path: string,
	body: unknown,
	options: CallOptions = {},
	target: Sandbox = sandbox,
) {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const { appId, publicKey, privateKey } = target.credentials;
	const timeStamp = options.timeStamp ?? chinaTimeStamp();
	const headers: Record<string, string> = {
		AppID: appId,
		PublicKey: publicKey,
		TimeStamp: timeStamp,
		Sign: mallcooSign(publicKey, timeStamp, text, options.privateKey ?? privateKey),
		'Content-Type': 'application/json; charset=utf-8',
	};
	for (const [name, value] of Object.entries(options.headers ?? {})) {
		if (value === undefined) delete headers[name];
		else headers[name] = value;
	}
	const res = await request(`${target.url}${path}`, {
		method: options.method ?? 'POST',
		headers,
		body: options.method === 'GET' ? undefined : (options.tamper ?? ((t) => t))(text),
		headersTimeout: options.headersTimeout,
	});
	const raw = await res.body.text();
	let json: Envelope | undefined;
	try {
		json = JSON.parse(raw);
	} catch {
		json = undefined;
	}
	return { status: res.statusCode, headers: res.headers, raw, json: json as Envelope };
}

/** Success or fail the test with the platform's message, which says what went wrong. */
async function ok(path: string, body: unknown): Promise<Record<string, unknown> | undefined> {
	const { status, json } = await call(path, body);
	expect(status).toBe(200);
	expect(json, json?.Message).toMatchObject({ Code: 1, Message: '成功' });
	return json.Data;
}

const code = async (path: string, body: unknown, options?: CallOptions) =>
	(await call(path, body, options)).json.Code;

const zhang = SEED_MEMBERS[0];
const liu = SEED_MEMBERS[3];
const noCard = SEED_MEMBERS[5];

describe('protocol', () => {
	it('accepts a correctly signed request and answers with the JSON envelope', async () => {
		const res = await call('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: zhang.Mobile });
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
		expect(res.json).toMatchObject({
			Code: 1,
			Message: '成功',
			Data: { OpenUserID: zhang.OpenUserID },
		});
	});

	it('rejects a signature made with the wrong private key', async () => {
		const res = await call(
			'/User/AdvancedInfo/v1/Get/ByMobile/',
			{ Mobile: zhang.Mobile },
			{ privateKey: 'not-the-key' },
		);
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			Code: SANDBOX_CODES.BAD_SIGN,
			Message: expect.stringContaining('签名错误'),
		});
	});

	it('rejects a TimeStamp 10 minutes old or ahead, or not yyyyMMddHHmmss; accepts 4 minutes of skew', async () => {
		const body = { Mobile: zhang.Mobile };
		const path = '/User/AdvancedInfo/v1/Get/ByMobile/';
		expect(
			await code(path, body, { timeStamp: chinaTimeStamp(new Date(Date.now() - 10 * 60_000)) }),
		).toBe(1004);
		expect(
			await code(path, body, { timeStamp: chinaTimeStamp(new Date(Date.now() + 10 * 60_000)) }),
		).toBe(1004);
		expect(await code(path, body, { timeStamp: '2024-01-01 12:00:00' })).toBe(1004);
		expect(await code(path, body, { timeStamp: '20240230120000' })).toBe(1004);
		expect(
			await code(path, body, { timeStamp: chinaTimeStamp(new Date(Date.now() - 4 * 60_000)) }),
		).toBe(1);
	});

	it('rejects a body changed after signing, even by whitespace', async () => {
		const path = '/User/BaseInfo/v1/AddTag/';
		const body = { Mobile: zhang.Mobile, TagIDList: [77], Desc: null };
		expect(await code(path, body, { tamper: (text) => text.replace('77', '78') })).toBe(1005);
		expect(await code(path, body, { tamper: (text) => text.replace(',', ', ') })).toBe(1005);
		expect(sandbox.members.get(zhang.Mobile)!.TagIDs).toEqual([30, 31]);
	});

	it.each([
		['AppID', 1001],
		['PublicKey', 1001],
		['TimeStamp', 1001],
		['Sign', 1001],
	])('names a missing %s header', async (header, expected) => {
		const res = await call(
			'/User/AdvancedInfo/v1/Get/ByMobile/',
			{ Mobile: zhang.Mobile },
			{ headers: { [header]: undefined } },
		);
		expect(res.json.Code).toBe(expected);
		expect(res.json.Message).toContain(header);
	});

	it('rejects an unknown AppID (1002) and a PublicKey of another app (1003)', async () => {
		const body = { Mobile: zhang.Mobile };
		expect(
			await code('/User/AdvancedInfo/v1/Get/ByMobile/', body, {
				headers: { AppID: 'someone-else' },
			}),
		).toBe(1002);
		expect(
			await code('/User/AdvancedInfo/v1/Get/ByMobile/', body, {
				headers: { PublicKey: 'other-public-key' },
			}),
		).toBe(1003);
	});

	it('takes header names in any case, paths in any case and without the trailing slash', async () => {
		const text = JSON.stringify({ Mobile: zhang.Mobile });
		const ts = chinaTimeStamp();
		const { appId, publicKey, privateKey } = DEMO_CREDENTIALS;
		const res = await request(`${sandbox.url}/user/advancedinfo/V1/get/bymobile`, {
			method: 'POST',
			headers: {
				appid: appId,
				PUBLICKEY: publicKey,
				timestamp: ts,
				sign: mallcooSign(publicKey, ts, text, privateKey),
			},
			body: text,
		});
		expect(((await res.body.json()) as Envelope).Code).toBe(1);
	});

	it('rejects a lower-case Sign: the platform wants upper case', async () => {
		const text = JSON.stringify({ Mobile: zhang.Mobile });
		const ts = chinaTimeStamp();
		const sign = mallcooSign(
			DEMO_CREDENTIALS.publicKey,
			ts,
			text,
			DEMO_CREDENTIALS.privateKey,
		).toLowerCase();
		expect(
			await code('/User/AdvancedInfo/v1/Get/ByMobile/', text, {
				timeStamp: ts,
				headers: { Sign: sign },
			}),
		).toBe(1005);
	});

	it('verifies Chinese text over its UTF-8 bytes as received', async () => {
		const res = await call('/User/BaseInfo/v1/AddTag/', {
			Mobile: zhang.Mobile,
			TagIDList: [88],
			Desc: '会员日活动 🎉 标签',
		});
		expect(res.json.Code).toBe(1);
		const recorded = sandbox.requests.at(-1)!;
		expect(recorded.rawBody).toBe(
			JSON.stringify({ Mobile: zhang.Mobile, TagIDList: [88], Desc: '会员日活动 🎉 标签' }),
		);
		expect(recorded.body).toEqual({
			Mobile: zhang.Mobile,
			TagIDList: [88],
			Desc: '会员日活动 🎉 标签',
		});
	});

	it('answers 2001 for a signed body that is not a JSON object', async () => {
		expect(await code('/User/AdvancedInfo/v1/Get/ByMobile/', 'Mobile=13800000001')).toBe(2001);
		expect(await code('/User/AdvancedInfo/v1/Get/ByMobile/', '')).toBe(2001);
		expect(await code('/User/AdvancedInfo/v1/Get/ByMobile/', '[1,2]')).toBe(2001);
	});

	it('answers HTTP 404 with Code 404 for an unknown path, 405 for GET on an API path', async () => {
		const missing = await call('/User/BaseInfo/v1/Get/ByNothing/', {});
		expect(missing.status).toBe(404);
		expect(missing.json.Code).toBe(404);
		const get = await call('/User/BaseInfo/v1/Get/ByToken/', {}, { method: 'GET' });
		expect(get.status).toBe(405);
		expect(get.json.Code).toBe(405);
	});

	it('records every request: headers lower-cased, raw and parsed body, times and outcome', async () => {
		sandbox.clearRequests();
		await call('/User/AdvancedInfo/v1/Get/ByMobile/?x=1', { Mobile: '19999999999' });
		expect(sandbox.requests).toHaveLength(1);
		const [recorded] = sandbox.requests;
		expect(recorded).toMatchObject({
			method: 'POST',
			path: '/User/AdvancedInfo/v1/Get/ByMobile/',
			query: { x: '1' },
			rawBody: '{"Mobile":"19999999999"}',
			body: { Mobile: '19999999999' },
			response: { status: 200, code: 3001 },
		});
		expect(recorded.headers.appid).toBe(DEMO_CREDENTIALS.appId);
		expect(recorded.headers.sign).toMatch(/^[0-9A-F]{16}$/);
		expect(recorded.finishedAt! >= recorded.startedAt).toBe(true);
	});

	it('serves exactly the 21 documented endpoints', () => {
		expect(ENDPOINTS).toHaveLength(21);
		expect(new Set(ENDPOINTS.map((e) => e.path.toLowerCase())).size).toBe(21);
	});
});

const BASE = ['OpenUserID', 'NickName', 'Avatar', 'Mobile', 'InternationalMobileCode', 'WXOpenID'];
const PERSON = ['UserName', 'Gender', 'Age', 'Birthday'];
const CARD = ['MallCardNo', 'MallCardName', 'ThirdPartyCardID', 'ThirdPartyCardNo', 'Score'];

describe('reads', () => {
	it('BaseInfo: each lookup answers its documented field set', async () => {
		const byToken = await ok('/User/BaseInfo/v1/Get/ByToken/', { UserToken: zhang.UserToken });
		expect(Object.keys(byToken!)).toEqual([...BASE, 'UserToken', 'Expires', ...PERSON]);
		expect(byToken).toMatchObject({
			UserName: '张伟',
			Gender: 1,
			Birthday: '1988-06-18',
			Expires: 10080,
		});

		const byId = await ok('/User/BaseInfo/v1/Get/ByOpenUserID/', { OpenUserID: zhang.OpenUserID });
		expect(Object.keys(byId!)).toEqual([...BASE, ...PERSON, 'UserCreateTime']);
		expect(byId!.UserCreateTime).toBe('2019-05-20 09:12:45');

		expect(await ok('/User/BaseInfo/v1/Get/ByWXOpenID/', { WXOpenID: zhang.WXOpenID })).toEqual(
			byId,
		);
		const byAli = await ok('/User/BaseInfo/v1/Get/ByAliUserID/', { AliUserID: zhang.AliUserID });
		expect(Object.keys(byAli!)).toEqual([...BASE, ...PERSON]);
	});

	it("accepts the guide's OpenUserId spelling", async () => {
		expect(
			(await ok('/User/BaseInfo/v1/Get/ByOpenUserID/', { OpenUserId: zhang.OpenUserID }))!.Mobile,
		).toBe(zhang.Mobile);
	});

	it('AdvancedInfo: each lookup answers the member with its card', async () => {
		const advanced = [
			...BASE,
			...CARD,
			'MallCardTypeID',
			...PERSON,
			'UserCreateTime',
			'MallCardApplyTime',
		];
		const byToken = await ok('/User/AdvancedInfo/v1/Get/ByToken/', { UserToken: zhang.UserToken });
		expect(Object.keys(byToken!)).toEqual([
			...BASE.slice(0, 5),
			'UserToken',
			'WXOpenID',
			...CARD,
			'Expires',
			'MallCardTypeID',
			...PERSON,
			'UserCreateTime',
			'MallCardApplyTime',
		]);
		const byMobile = await ok('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: zhang.Mobile });
		expect(Object.keys(byMobile!)).toEqual(advanced);
		expect(byMobile).toMatchObject({
			MallCardNo: '20230010000001',
			MallCardName: '金卡',
			MallCardTypeID: 103,
			Score: 12770,
			ThirdPartyCardID: 'CRM10000001',
		});
		for (const [path, body] of [
			['ByMallCardNo', { MallCardNo: zhang.Card!.MallCardNo }],
			['ByOpenUserID', { OpenUserID: zhang.OpenUserID }],
			['ByWXOpenID', { WXOpenID: zhang.WXOpenID }],
			['ByAliUserID', { AliUserID: zhang.AliUserID }],
		] as const) {
			expect(await ok(`/User/AdvancedInfo/v1/Get/${path}/`, body)).toEqual(byMobile);
		}
	});

	it('tells unknown users (3001), bad tokens (3003), missing parameters (2001) and card-less users apart', async () => {
		expect(
			await code('/User/BaseInfo/v1/Get/ByOpenUserID/', { OpenUserID: '0000000000000000' }),
		).toBe(3001);
		expect(await code('/User/AdvancedInfo/v1/Get/ByToken/', { UserToken: 'nope' })).toBe(3003);
		expect(await code('/User/BaseInfo/v1/Get/ByToken/', { UserToken: 'nope' })).toBe(3003);
		const missing = await call('/User/AdvancedInfo/v1/Get/ByMobile/', {});
		expect(missing.json).toMatchObject({ Code: 2001, Message: expect.stringContaining('Mobile') });
		expect(await code('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: 13800000001 })).toBe(2001);
		// A registered user without a card: a user, not a member.
		expect(
			await code('/User/BaseInfo/v1/Get/ByOpenUserID/', { OpenUserID: noCard.OpenUserID }),
		).toBe(1);
		expect(await code('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: noCard.Mobile })).toBe(3001);
	});

	it('GetMemberInfo/ByMobile answers the full documented profile', async () => {
		const profile = (await ok('/User/AdvancedInfo/v1/GetMemberInfo/ByMobile/', {
			Mobile: liu.Mobile,
		}))!;
		expect(Object.keys(profile)).toHaveLength(60);
		for (let i = 1; i <= 20; i++) expect(profile).toHaveProperty(`Remark${i}`);
		expect(profile).toMatchObject({
			UserName: '刘洋',
			MallCardName: '钻石卡',
			Score: 81000,
			UserCreateTime: '2013/10/24 10:47:45',
			MallCardApplyTime: '2017/06/05 16:30:42',
			Education: 4,
			HobbyList: [0, 2, 7],
			FocusInfoList: [3, 4],
			IsPostal: true,
			CarNO: '沪A12345',
			Remark1: 'VIP客户',
			Remark20: null,
		});
		const sparse = (await ok('/User/AdvancedInfo/v1/GetMemberInfo/ByMobile/', {
			Mobile: zhang.Mobile,
		}))!;
		expect(sparse).toMatchObject({ HobbyList: null, IsPostal: false, Education: null });
	});

	it('Check/IsDevTrans by mobile or card number', async () => {
		expect(await ok('/User/AdvancedInfo/v1/Check/IsDevTrans/', { Mobile: zhang.Mobile })).toEqual({
			MembIsDevTrans: true,
		});
		expect(
			await ok('/User/AdvancedInfo/v1/Check/IsDevTrans/', {
				MallCardNo: SEED_MEMBERS[1].Card!.MallCardNo,
			}),
		).toEqual({ MembIsDevTrans: false });
		expect(await code('/User/AdvancedInfo/v1/Check/IsDevTrans/', {})).toBe(2001);
	});

	it('serves synthetic members when asked for them', async () => {
		const big = await startSandbox({ generatedMembers: 2000 });
		try {
			expect(big.members.count).toBe(SEED_MEMBERS.length + 2000);
			const res = await call(
				'/User/AdvancedInfo/v1/Get/ByMobile/',
				{ Mobile: '13900002000' },
				{},
				big,
			);
			expect(res.json.Code).toBe(1);
			expect(res.json.Data!.MallCardNo).toBe('20210020002000');
		} finally {
			await big.close();
		}
	});
});

describe('writes change what later reads see', () => {
	it('AddTag / DelTag change the tag list; TagIDList must hold integers', async () => {
		await ok('/User/BaseInfo/v1/AddTag/', {
			Mobile: zhang.Mobile,
			TagIDList: [31, 40, 41],
			Desc: null,
		});
		expect(sandbox.members.get(zhang.Mobile)!.TagIDs).toEqual([30, 31, 40, 41]);
		await ok('/User/BaseInfo/v1/DelTag/', {
			Mobile: zhang.Mobile,
			TagIDList: [30, 41],
			Desc: '清理',
		});
		expect(sandbox.members.get(zhang.Mobile)!.TagIDs).toEqual([31, 40]);
		for (const bad of [['30'], [1.5], 30, []]) {
			const res = await call('/User/BaseInfo/v1/AddTag/', { Mobile: zhang.Mobile, TagIDList: bad });
			expect(res.json).toMatchObject({ Code: 2001, Message: expect.stringContaining('TagIDList') });
		}
		expect(await code('/User/BaseInfo/v1/AddTag/', { Mobile: '19999999999', TagIDList: [1] })).toBe(
			3001,
		);
	});

	it('Update/ByThirdPartyCardID sets points and grade, and can re-key the card', async () => {
		const path = '/User/AdvancedInfo/v1/Update/ByThirdPartyCardID/';
		expect(
			await ok(path, {
				ThirdPartyCardID: 'CRM10000002',
				UpdateDic: { VipGrade: '3', Bonus: '1000' },
			}),
		).toBeUndefined();
		const after = (await ok('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: '13800000002' }))!;
		expect(after).toMatchObject({ Score: 1000, MallCardTypeID: 103, MallCardName: '金卡' });

		await ok(path, {
			ThirdPartyCardID: 'CRM10000002',
			UpdateDic: {
				VipGrade: 'V9',
				Bonus: 20.5,
				ThirdPartyCardID: 'CRM20000002',
				ThirdPartyCardNo: '990000000002',
			},
		});
		const rekeyed = (await ok('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: '13800000002' }))!;
		expect(rekeyed).toMatchObject({
			Score: 20.5,
			ThirdPartyCardID: 'CRM20000002',
			ThirdPartyCardNo: '990000000002',
			MallCardName: '金卡',
		});
		expect(sandbox.members.get('13800000002')!.Card!.VipGrade).toBe('V9');
		expect(
			await code(path, {
				ThirdPartyCardID: 'CRM10000002',
				UpdateDic: { VipGrade: '1', Bonus: '1' },
			}),
		).toBe(3005);

		const noBonus = await call(path, {
			ThirdPartyCardID: 'CRM20000002',
			UpdateDic: { VipGrade: '1' },
		});
		expect(noBonus.json).toMatchObject({ Code: 2001, Message: expect.stringContaining('Bonus') });
		expect(await code(path, { ThirdPartyCardID: 'CRM20000002' })).toBe(2001);
	});

	it('UpdateStatus/ByThirdPartyCardID -1 deletes the card', async () => {
		const path = '/User/AdvancedInfo/v1/UpdateStatus/ByThirdPartyCardID';
		await ok(path, { ThirdPartyCardID: 'CRM10000005', MallCardStatus: 2 });
		expect(sandbox.members.get('13800000005')!.Card!.MallCardStatus).toBe(2);
		await ok(`${path}/`, { ThirdPartyCardID: 'CRM10000005', MallCardStatus: -1 });
		expect(await code('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: '13800000005' })).toBe(3001);
		expect(
			await code('/User/BaseInfo/v1/Get/ByWXOpenID/', { WXOpenID: SEED_MEMBERS[4].WXOpenID }),
		).toBe(1);
		expect(await code(path, { ThirdPartyCardID: 'CRM10000005' })).toBe(3005);
	});

	it('Open/ByMobile creates a member, refuses a mobile that holds a card, and gives a card to a registered user', async () => {
		const opened = (await ok('/User/MallCard/v1/Open/ByMobile/', {
			Mobile: '13712345678',
			DataSource: 3,
		}))!;
		expect(opened.OpenUserID).toMatch(/^[0-9a-f]{16}$/);
		const read = (await ok('/User/AdvancedInfo/v1/Get/ByOpenUserID/', {
			OpenUserID: opened.OpenUserID,
		}))!;
		expect(read).toMatchObject({
			Mobile: '13712345678',
			MallCardTypeID: 101,
			MallCardName: '普卡',
			Score: 0,
		});
		expect(await ok('/User/AdvancedInfo/v1/Check/IsDevTrans/', { Mobile: '13712345678' })).toEqual({
			MembIsDevTrans: true,
		});
		expect(await code('/User/MallCard/v1/Open/ByMobile/', { Mobile: '13712345678' })).toBe(3004);
		expect(await code('/User/MallCard/v1/Open/ByMobile/', { Mobile: '12345' })).toBe(2001);

		expect(await ok('/User/MallCard/v1/Open/ByMobile/', { Mobile: noCard.Mobile })).toEqual({
			OpenUserID: noCard.OpenUserID,
		});
		expect(await code('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: noCard.Mobile })).toBe(1);
	});

	it('Open/ByMallCardTypeID reads the URL-encoded UserInfo of the documents', async () => {
		const userInfo = {
			UserName: '孙悦',
			Gender: '2',
			Age: '20',
			Birthday: '1985-01-01',
			IDNum: '411123486404196754',
			Email: 'stefan@mallcoo.cn',
			Education: '2',
			Marital: '1',
			HasChildren: '2',
			ChildrenCount: '0',
			Address: '南京市玄武区',
			Business: '111',
			Income: '0',
			Conveyance: '0',
			Wechat: '111111',
			Reference: '11111',
			InviteCode: '11111',
			HobbyList: '0,4',
			ThirdCardNo: '11111',
			IsPostal: '0',
			FocusInfoList: '0,4,8',
			AcceptInfoTypeList: '0,2',
			ShoppingInterestList: '0,4,8',
			ActiveInterestList: '0,2',
			CarNO: '苏A11111',
			Remark1: '111',
			Remark2: '1111',
			Remark3: 'dfgfg,ghjhjjj',
		};
		const body = {
			Mobile: '15910456758',
			MallCardTypeID: 102,
			UserInfo: encodeURIComponent(JSON.stringify(userInfo)),
		};
		await ok('/User/MallCard/v1/Open/ByMallCardTypeID/', body);
		const profile = (await ok('/User/AdvancedInfo/v1/GetMemberInfo/ByMobile/', {
			Mobile: '15910456758',
		}))!;
		expect(profile).toMatchObject({
			UserName: '孙悦',
			Gender: 2,
			Age: 20,
			Birthday: '1985-01-01',
			MallCardTypeID: 102,
			MallCardName: '银卡',
			Education: 2,
			ChildrenCount: 0,
			HobbyList: [0, 4],
			FocusInfoList: [0, 4, 8],
			AcceptInfoTypeList: [0, 2],
			IsPostal: false,
			CarNO: '苏A11111',
			Address: '南京市玄武区',
			Remark3: 'dfgfg,ghjhjjj',
		});

		const bad = async (UserInfo: unknown, extra: Record<string, unknown> = {}) =>
			(
				await call('/User/MallCard/v1/Open/ByMallCardTypeID/', {
					Mobile: '15910456759',
					MallCardTypeID: 101,
					UserInfo,
					...extra,
				})
			).json;
		expect(await bad('%7B%22UserName')).toMatchObject({
			Code: 2001,
			Message: expect.stringContaining('UserInfo'),
		});
		expect(await bad('%E0%A4%A')).toMatchObject({ Code: 2001 });
		expect(await bad(encodeURIComponent('{"HobbyList":[0,4]}'))).toMatchObject({
			Code: 2001,
			Message: expect.stringContaining('HobbyList'),
		});
		expect(await bad(encodeURIComponent('{"Gender":"7"}'))).toMatchObject({
			Code: 2001,
			Message: expect.stringContaining('Gender'),
		});
		expect(await bad(encodeURIComponent('{}'), { MallCardTypeID: 999 })).toMatchObject({
			Code: 2001,
			Message: expect.stringContaining('MallCardTypeID'),
		});
		expect(sandbox.members.get('15910456759')).toBeUndefined();
	});

	it('Update/ByMobile changes only the five allowed fields', async () => {
		const UserInfo = encodeURIComponent(
			JSON.stringify({
				UserName: '张伟伟',
				Gender: 1,
				Age: 37,
				Birthday: '2019-10-12T14:30:06.0444293+08:00',
				Address: '地址 1号',
			}),
		);
		await ok('/User/AdvancedInfo/v1/Update/ByMobile/', { Mobile: zhang.Mobile, UserInfo });
		const profile = (await ok('/User/AdvancedInfo/v1/GetMemberInfo/ByMobile/', {
			Mobile: zhang.Mobile,
		}))!;
		expect(profile).toMatchObject({
			UserName: '张伟伟',
			Age: 37,
			Birthday: '2019-10-12',
			Address: '地址 1号',
		});

		const res = await call('/User/AdvancedInfo/v1/Update/ByMobile/', {
			Mobile: zhang.Mobile,
			UserInfo: encodeURIComponent('{"Email":"a@b.c"}'),
		});
		expect(res.json).toMatchObject({ Code: 2001, Message: expect.stringContaining('Email') });
		expect(await code('/User/AdvancedInfo/v1/Update/ByMobile/', { Mobile: zhang.Mobile })).toBe(
			2001,
		);
	});

	it('ChangeOnlineUserMobile moves the member and decodes Remark and Updator', async () => {
		const path = '/User/AdvancedInfo/v1/ChangeOnlineUserMobile/';
		await ok(path, {
			Mobile: '13811112222',
			OldMobile: zhang.Mobile,
			ThirdCRMRefID: '23333',
			Remark: encodeURIComponent('客户要求换号'),
			UpdatorID: 42,
			Updator: encodeURIComponent('客服小王'),
		});
		expect(await code('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: zhang.Mobile })).toBe(3001);
		expect(
			(await ok('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: '13811112222' }))!.OpenUserID,
		).toBe(zhang.OpenUserID);
		expect(sandbox.members.get('13811112222')!.MobileHistory[0]).toMatchObject({
			OldMobile: zhang.Mobile,
			Remark: '客户要求换号',
			Updator: '客服小王',
			UpdatorID: 42,
		});

		expect(await code(path, { Mobile: '13800000003', OldMobile: '13811112222' })).toBe(3004);
		expect(await code(path, { Mobile: '13800000009', OldMobile: zhang.Mobile })).toBe(3001);
		expect(
			await code(path, { Mobile: '13800000009', OldMobile: '13811112222', UpdatorID: '42' }),
		).toBe(2001);
	});

	it('reset restores the seed', async () => {
		await ok('/User/BaseInfo/v1/AddTag/', { Mobile: zhang.Mobile, TagIDList: [99] });
		sandbox.reset();
		expect(sandbox.members.get(zhang.Mobile)!.TagIDs).toEqual([30, 31]);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('faults and latency', () => {
	const path = '/User/AdvancedInfo/v1/Get/ByMobile/';
	const body = { Mobile: zhang.Mobile };

	it('http500, http429 (Retry-After: 1) and notJson, then back to normal', async () => {
		sandbox.injectFaults(['http500', 'http429', 'notJson']);
		const e500 = await call(path, body);
		expect(e500.status).toBe(500);
		const e429 = await call(path, body);
		expect(e429.status).toBe(429);
		expect(e429.headers['retry-after']).toBe('1');
		const notJson = await call(path, body);
		expect(notJson.status).toBe(200);
		expect(() => JSON.parse(notJson.raw)).toThrow();
		expect((await call(path, body)).json.Code).toBe(1);
		expect(sandbox.requests.map((r) => r.response.fault)).toEqual([
			'http500',
			'http429',
			'notJson',
			undefined,
		]);
		expect(sandbox.requests.map((r) => r.response.status)).toEqual([500, 429, 200, 200]);
	});

	it('drop closes the connection without an answer', async () => {
		sandbox.injectFaults(['drop']);
		await expect(call(path, body)).rejects.toThrow();
		expect(sandbox.requests[0].response).toMatchObject({ status: 0, fault: 'drop' });
		expect((await call(path, body)).json.Code).toBe(1);
	});

	it('hang never answers until reset', async () => {
		sandbox.injectFaults(['hang']);
		const pending = call(path, body);
		const outcome = await Promise.race([
			pending.then(
				() => 'answered',
				() => 'failed',
			),
			new Promise((r) => setTimeout(() => r('waiting'), 300)),
		]);
		expect(outcome).toBe('waiting');
		const logged = sandbox.requests[0];
		expect(logged.response).toMatchObject({ status: 0, fault: 'hang' });
		expect(logged.finishedAt).toBeUndefined();
		sandbox.reset();
		await expect(pending).rejects.toThrow();
		expect(logged.finishedAt).toBeGreaterThan(0);
	});

	it('a rule picks requests by path; a faulted write changes nothing', async () => {
		sandbox.injectFaults(({ path: p }) => (p.includes('AddTag') ? 'http500' : undefined));
		expect(
			(await call('/User/BaseInfo/v1/AddTag/', { Mobile: zhang.Mobile, TagIDList: [50] })).status,
		).toBe(500);
		expect((await call(path, body)).json.Code).toBe(1);
		expect(sandbox.members.get(zhang.Mobile)!.TagIDs).toEqual([30, 31]);
		sandbox.injectFaults();
		expect(
			(await call('/User/BaseInfo/v1/AddTag/', { Mobile: zhang.Mobile, TagIDList: [50] })).json
				.Code,
		).toBe(1);
	});

	it('refuses unknown fault names', () => {
		expect(() => sandbox.injectFaults(['http503' as never])).toThrow(/unknown fault/);
	});

	it('latency delays each answer by timers, so concurrent requests overlap', async () => {
		sandbox.setLatency(50);
		const started = Date.now();
		const results = await Promise.all(
			Array.from({ length: 400 }, (_, i) => call(path, { Mobile: SEED_MEMBERS[i % 5].Mobile })),
		);
		const elapsed = Date.now() - started;
		expect(results.every((r) => r.json.Code === 1)).toBe(true);
		// 400 requests at 50 ms each would take 20 s one after another.
		expect(elapsed).toBeLessThan(3000);
		for (const r of sandbox.requests)
			expect(r.finishedAt! - r.startedAt).toBeGreaterThanOrEqual(49);
	});
});

describe('OAuth pages', () => {
	const query = (callbackUrl: string, extra = '') =>
		`?AppID=${DEMO_CREDENTIALS.appId}&PublicKey=${DEMO_CREDENTIALS.publicKey}&CallbackUrl=${encodeURIComponent(callbackUrl)}${extra}`;

	it('redirects to the callback with Ticket and DataSource=3, and the ticket exchanges once', async () => {
		const res = await request(
			`${sandbox.url}/a/open/User/V2/OAuth/BaseInfo/${query('https://shop.example.com/cb?state=a%20b&x=1#top')}`,
		);
		expect(res.statusCode).toBe(302);
		await res.body.dump();
		const location = String(res.headers.location);
		expect(location).toMatch(
			/^https:\/\/shop\.example\.com\/cb\?state=a%20b&x=1&Ticket=[0-9a-f]{16}&DataSource=3#top$/,
		);
		const ticket = new URL(location).searchParams.get('Ticket')!;

		const token = (await ok('/User/OAuth/v1/GetToken/ByTicket/', { Ticket: ticket }))!;
		expect(token).toMatchObject({
			OpenUserID: zhang.OpenUserID,
			Mobile: zhang.Mobile,
			WXOpenID: zhang.WXOpenID,
			UserToken: zhang.UserToken,
			Expires: 10080,
			NickName: zhang.NickName,
		});
		expect(await code('/User/OAuth/v1/GetToken/ByTicket/', { Ticket: ticket })).toBe(3002);
	});

	it('signs in as sandboxMobile, on each page, paths matched loosely', async () => {
		for (const page of [
			'/a/open/User/V2/OAuth/CardInfo/',
			'/a/open/user/v1/oauth/liteappbaseinfo',
		]) {
			const res = await request(
				`${sandbox.url}${page}${query('http://localhost:5678/webhook/cb', '&sandboxMobile=13800000002')}`,
			);
			await res.body.dump();
			expect(res.statusCode).toBe(302);
			const ticket = new URL(String(res.headers.location)).searchParams.get('Ticket')!;
			expect((await ok('/User/OAuth/v1/GetToken/ByTicket/', { Ticket: ticket }))!.Mobile).toBe(
				'13800000002',
			);
		}
	});

	it('the CardInfo page opens a card for a user who has none', async () => {
		const res = await request(
			`${sandbox.url}/a/open/User/V2/OAuth/CardInfo/${query('http://localhost/cb', `&sandboxMobile=${noCard.Mobile}`)}`,
		);
		await res.body.dump();
		expect(res.statusCode).toBe(302);
		expect(sandbox.members.get(noCard.Mobile)!.Card).not.toBeNull();
	});

	it('shows an HTML error for a wrong PublicKey, unknown AppID or missing callback', async () => {
		for (const q of [
			`?AppID=${DEMO_CREDENTIALS.appId}&PublicKey=wrong&CallbackUrl=http%3A%2F%2Fx`,
			`?AppID=nobody&PublicKey=${DEMO_CREDENTIALS.publicKey}&CallbackUrl=http%3A%2F%2Fx`,
			`?AppID=${DEMO_CREDENTIALS.appId}&PublicKey=${DEMO_CREDENTIALS.publicKey}`,
		]) {
			const res = await request(`${sandbox.url}/a/open/User/V2/OAuth/BaseInfo/${q}`);
			expect(res.statusCode).toBe(400);
			expect(res.headers['content-type']).toContain('text/html');
			expect(await res.body.text()).toContain('授权失败');
		}
	});

	it('issueTicket gives a ticket directly; tickets expire', async () => {
		const ticket = sandbox.issueTicket({ OpenUserID: liu.OpenUserID });
		expect((await ok('/User/OAuth/v1/GetToken/ByTicket/', { Ticket: ticket }))!.OpenUserID).toBe(
			liu.OpenUserID,
		);

		const quick = await startSandbox({ ticketTtlMs: 20 });
		try {
			const stale = quick.issueTicket(zhang.Mobile);
			await new Promise((r) => setTimeout(r, 60));
			expect(
				(await call('/User/OAuth/v1/GetToken/ByTicket/', { Ticket: stale }, {}, quick)).json.Code,
			).toBe(3002);
		} finally {
			await quick.close();
		}
	});
});

describe('control API', () => {
	const control = async <Json = Record<string, unknown>>(
		method: 'GET' | 'POST' | 'DELETE',
		path: string,
		body?: unknown,
	) => {
		const res = await request(`${sandbox.url}/__sandbox/${path}`, {
			method,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: res.statusCode, json: (await res.body.json()) as Json };
	};

	it('reports health, sets faults and latency, lists and clears requests, resets, issues tickets', async () => {
		expect((await control('GET', 'health')).json).toMatchObject({
			ok: true,
			appId: DEMO_CREDENTIALS.appId,
			members: SEED_MEMBERS.length,
		});
		expect((await control('POST', 'faults', { faults: ['http500', null] })).json.ok).toBe(true);
		expect(
			(await call('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: zhang.Mobile })).status,
		).toBe(500);
		expect(
			(await call('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: zhang.Mobile })).status,
		).toBe(200);
		expect((await control('POST', 'faults', { faults: ['boom'] })).status).toBe(400);

		expect((await control('POST', 'latency', { ms: 30 })).json.latencyMs).toBe(30);
		expect(sandbox.latencyMs).toBe(30);

		const log = (await control<RecordedRequest[]>('GET', 'requests')).json;
		expect(log.map((r) => r.response.status)).toEqual([500, 200]);
		expect(
			(await control<RecordedRequest[]>('GET', `requests?since=${log[0].id}`)).json,
		).toHaveLength(1);

		const { json: ticket } = await control<{ Ticket: string }>('POST', 'ticket', {
			Mobile: liu.Mobile,
		});
		expect(
			(await ok('/User/OAuth/v1/GetToken/ByTicket/', { Ticket: ticket.Ticket }))!.UserName,
		).toBe('刘洋');
		expect((await control('GET', `members?Mobile=${liu.Mobile}`)).json.OpenUserID).toBe(
			liu.OpenUserID,
		);

		await control('POST', 'reset');
		expect(sandbox.latencyMs).toBe(0);
		expect(sandbox.requests).toHaveLength(0);
		await call('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: zhang.Mobile });
		await control('DELETE', 'requests');
		expect(sandbox.requests).toHaveLength(0);
	});
});
