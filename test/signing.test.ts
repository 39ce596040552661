/**
 * The signature: the contract's test vector, and the credential's `authenticate` checked by the
 * sandbox over real HTTP, including the requests it must refuse.
 */
import { request } from 'undici';
import { describe, expect, it } from 'vitest';

import { MallcooApi } from '../credentials/MallcooApi.credentials';
import { chinaTimeStamp, parseChinaTimeStamp } from '../credentials/chinaTime';
import { mallcooSign } from '../credentials/mallcooSignature';
import { SANDBOX_CODES } from '../sandbox/server';
import { useSandbox } from './helpers/sandbox';

const fixture = useSandbox();
const credential = new MallcooApi();

describe('mallcooSign', () => {
	it('matches the contract test vector', () => {
		expect(
			mallcooSign('AbCdEf', '20240101120000', '{"Ticket":"1234567890abcdef"}', '0123456789abcdef'),
		).toBe('3AF91D49EE27F42C');
	});

	it('is characters 9 to 24 of the upper-case MD5 over the UTF-8 text', async () => {
		const { createHash } = await import('node:crypto');
		const text = '{publicKey:P,timeStamp:20240101120000,data:{"Desc":"双十一"},privateKey:K}';
		const md5 = createHash('md5').update(Buffer.from(text, 'utf8')).digest('hex').toUpperCase();
		expect(mallcooSign('P', '20240101120000', '{"Desc":"双十一"}', 'K')).toBe(md5.slice(8, 24));
	});

	it('stamps China Standard Time whatever the machine zone', () => {
		expect(chinaTimeStamp(new Date('2024-01-01T16:30:05Z'))).toBe('20240102003005');
		expect(parseChinaTimeStamp('20240102003005')?.toISOString()).toBe('2024-01-01T16:30:05.000Z');
		expect(parseChinaTimeStamp('20240230120000')).toBeUndefined();
	});
});

/** Signs with the credential exactly as n8n would, then sends what it returned. */
async function send(
	body: unknown,
	change: (options: { body: string; headers: Record<string, string> }) => void = () => {},
) {
	const signed = await credential.authenticate(fixture.credentials, {
		url: '/User/AdvancedInfo/v1/Get/ByMobile/',
		method: 'POST',
		body: body as never,
	});
	const options = {
		body: signed.body as string,
		headers: signed.headers as Record<string, string>,
	};
	change(options);
	const response = await request(`${fixture.sandbox.url}/User/AdvancedInfo/v1/Get/ByMobile/`, {
		method: 'POST',
		...options,
	});
	return {
		sent: options,
		envelope: (await response.body.json()) as { Code: number; Message: string },
	};
}

describe('the credential signs what it sends', () => {
	it('serializes an object body once and signs those exact bytes', async () => {
		const { sent, envelope } = await send({ Mobile: '13800000001' });
		expect(sent.body).toBe('{"Mobile":"13800000001"}');
		expect(sent.headers.Sign).toBe(
			mallcooSign(
				fixture.credentials.publicKey,
				sent.headers.TimeStamp,
				sent.body,
				fixture.credentials.privateKey,
			),
		);
		expect(envelope.Code).toBe(1);
		expect(fixture.sandbox.requests[0].rawBody).toBe(sent.body);
	});

	it('signs a body with Chinese text over its UTF-8 bytes', async () => {
		const { envelope } = await send({ Mobile: '13800000001', Desc: '会员标签：双十一' });
		expect(envelope.Code).toBe(1);
	});

	it('signs an empty object', async () => {
		const { sent, envelope } = await send({});
		expect(sent.body).toBe('{}');
		// Signature accepted: the refusal is about the missing Mobile, not the identity.
		expect(envelope.Code).toBe(SANDBOX_CODES.BAD_PARAMETER);
	});

	it('is refused when signed with another private key', async () => {
		const wrong = await new MallcooApi().authenticate(
			{ ...fixture.credentials, privateKey: 'not-the-key' },
			{ url: '/User/AdvancedInfo/v1/Get/ByMobile/', body: { Mobile: '13800000001' } },
		);
		const response = await request(`${fixture.sandbox.url}/User/AdvancedInfo/v1/Get/ByMobile/`, {
			method: 'POST',
			body: wrong.body as string,
			headers: wrong.headers as Record<string, string>,
		});
		expect(((await response.body.json()) as { Code: number }).Code).toBe(SANDBOX_CODES.BAD_SIGN);
	});

	it('is refused with a stale TimeStamp, even when correctly signed', async () => {
		const { envelope } = await send({ Mobile: '13800000001' }, (options) => {
			const stale = chinaTimeStamp(new Date(Date.now() - 10 * 60 * 1000));
			options.headers.TimeStamp = stale;
			options.headers.Sign = mallcooSign(
				fixture.credentials.publicKey,
				stale,
				options.body,
				fixture.credentials.privateKey,
			);
		});
		expect(envelope.Code).toBe(SANDBOX_CODES.BAD_TIMESTAMP);
	});

	it('is refused when the body changes after signing', async () => {
		const { envelope } = await send({ Mobile: '13800000001' }, (options) => {
			options.body = options.body.replace('13800000001', '13800000002');
		});
		expect(envelope.Code).toBe(SANDBOX_CODES.BAD_SIGN);
	});
});

describe('headers the caller already set', () => {
	it('are kept, except those the signature owns, whatever their case', async () => {
		const signed = await credential.authenticate(fixture.credentials, {
			url: '/x',
			body: { a: 1 },
			headers: { 'content-type': 'application/json', sign: 'stale', 'X-Trace': 'abc' },
		});
		const names = Object.keys(signed.headers ?? {})
			.map((name) => name.toLowerCase())
			.sort();
		expect(names).toEqual(['appid', 'content-type', 'publickey', 'sign', 'timestamp', 'x-trace']);
		expect(signed.headers?.['Content-Type']).toBe('application/json; charset=utf-8');
		expect(signed.headers?.Sign).not.toBe('stale');
	});
});
