import { describe, expect, it } from 'vitest';
import { request } from 'undici';

import { chinaTimeStamp } from '../../credentials/chinaTime';
import { mallcooSign } from '../../credentials/mallcooSignature';
import {
	DEMO_CREDENTIALS,
	SANDBOX_CODES,
	SEED_MEMBERS,
	USER_ENDPOINTS,
} from '../../sandbox/server';
import { useSandbox } from '../helpers/sandbox';
import { sandboxCalls, type Envelope } from '../helpers/sandboxCall';

/** The signed-request protocol: headers, identity, time window, signature, paths and methods. */

const fixture = useSandbox();
const { call, code } = sandboxCalls(fixture);

const zhang = SEED_MEMBERS[0];

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
		expect(fixture.sandbox.members.get(zhang.Mobile)!.TagIDs).toEqual([30, 31]);
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
		const res = await request(`${fixture.sandbox.url}/user/advancedinfo/V1/get/bymobile`, {
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
		const recorded = fixture.sandbox.requests.at(-1)!;
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
		fixture.sandbox.clearRequests();
		await call('/User/AdvancedInfo/v1/Get/ByMobile/?x=1', { Mobile: '19999999999' });
		expect(fixture.sandbox.requests).toHaveLength(1);
		const [recorded] = fixture.sandbox.requests;
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
		expect(USER_ENDPOINTS).toHaveLength(21);
		expect(new Set(USER_ENDPOINTS.map((e) => e.path.toLowerCase())).size).toBe(21);
	});
});
