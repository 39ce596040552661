/** Runs one operation through n8n's engine against this file's sandbox, and checks its one request. */
import { expect } from 'vitest';

import { mallcooSign } from '../../credentials/mallcooSignature';
import type { RecordedRequest } from '../../sandbox/server';
import { runMallcoo } from './engine';
import { useSandbox } from './sandbox';

export function useOperationRunner() {
	const fixture = useSandbox();

	async function run(parameters: Record<string, unknown>, items?: Array<Record<string, unknown>>) {
		const result = await runMallcoo({ parameters, items, credentials: fixture.credentials });
		if (result.error) throw result.error;
		return result.output;
	}

	/** A run that may fail: its output and the error it stopped with (none under Continue On Fail). */
	async function attempt(
		parameters: Record<string, unknown>,
		items?: Array<Record<string, unknown>>,
		continueOnFail = false,
	) {
		return runMallcoo({ parameters, items, credentials: fixture.credentials, continueOnFail });
	}

	/** The one request the run sent, checked for a valid signature over the exact body received. */
	function onlyRequest(): RecordedRequest {
		expect(fixture.sandbox.requests).toHaveLength(1);
		const [request] = fixture.sandbox.requests;
		const { appId, publicKey, privateKey } = fixture.credentials;
		expect(request.method).toBe('POST');
		expect(request.headers.appid).toBe(appId);
		expect(request.headers.publickey).toBe(publicKey);
		expect(request.headers.timestamp).toMatch(/^\d{14}$/);
		expect(request.headers.sign).toBe(
			mallcooSign(publicKey, request.headers.timestamp, request.rawBody, privateKey),
		);
		expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
		expect(request.response.code).toBe(1);
		return request;
	}

	return { fixture, run, attempt, onlyRequest };
}

/** Member → Get, each item's member found by the item's `mobile`; `more` adds parameters. */
export const getMemberByItemMobile = (more: Record<string, unknown> = {}) => ({
	resource: 'member',
	operation: 'get',
	findBy: 'mobile',
	mobile: '={{ $json.mobile }}',
	...more,
});

export const decodeUserInfo = (text: string) => JSON.parse(decodeURIComponent(text));
