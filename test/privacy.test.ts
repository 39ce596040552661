/**
 * The PrivateKey is only ever an input of the MD5: it must not appear in anything sent,
 * output or raised, successes and every kind of failure included.
 */
import { expect, it } from 'vitest';

import { SEED_MEMBERS } from '../sandbox/server';
import { runMallcoo, type RunResult } from './helpers/engine';
import { useSandbox } from './helpers/sandbox';

const fixture = useSandbox();
const [ada] = SEED_MEMBERS;

it('never appears in requests, outputs or errors', async () => {
	const runs: RunResult[] = [];
	const run = async (
		parameters: Record<string, unknown>,
		continueOnFail = false,
		items?: Array<Record<string, unknown>>,
	) =>
		runs.push(
			await runMallcoo({ parameters, items, credentials: fixture.credentials, continueOnFail }),
		);

	await run({ resource: 'member', operation: 'get', findBy: 'mobile', mobile: ada.Mobile });
	await run({
		resource: 'tag',
		operation: 'add',
		mobile: ada.Mobile,
		tagIds: '30,31',
		description: 'privacy check',
	});
	await run({
		resource: 'oauth',
		operation: 'getAuthUrl',
		flow: 'h5BaseInfo',
		callbackUrl: 'https://example.com/cb',
	});
	await run({ resource: 'member', operation: 'get', findBy: 'mobile', mobile: '13700000000' });
	await run(
		{ resource: 'member', operation: 'get', findBy: 'mobile', mobile: '13700000000' },
		true,
	);
	await run({ resource: 'member', operation: 'get', findBy: 'mobile', mobile: '={{ "" }}' }, true);
	fixture.sandbox.injectFaults(['http500', 'notJson']);
	await run(
		{
			resource: 'member',
			operation: 'get',
			findBy: 'mobile',
			mobile: ada.Mobile,
			options: { maxAttempts: 1 },
		},
		true,
		[{}, {}],
	);
	// A wrong key makes the platform refuse the signature: that error must not quote the key either.
	runs.push(
		await runMallcoo({
			parameters: { resource: 'member', operation: 'get', findBy: 'mobile', mobile: ada.Mobile },
			credentials: { ...fixture.credentials, privateKey: 'wrong-private-key-value' },
		}),
	);

	const { privateKey } = fixture.credentials;
	expect(fixture.sandbox.requests.length).toBeGreaterThanOrEqual(7);
	for (const request of fixture.sandbox.requests) {
		expect(JSON.stringify(request.headers)).not.toContain(privateKey);
		expect(request.rawBody).not.toContain(privateKey);
		expect(request.path + JSON.stringify(request.query)).not.toContain(privateKey);
	}
	const errors = runs.map((result) => result.error).filter(Boolean);
	expect(errors.length).toBeGreaterThanOrEqual(2);
	for (const result of runs) {
		expect(JSON.stringify(result.output)).not.toContain(privateKey);
		expect(JSON.stringify(result.output)).not.toContain('wrong-private-key-value');
		if (result.error) {
			const error = result.error;
			const everything = [
				error.message,
				error.description,
				JSON.stringify(error),
				error.stack,
				JSON.stringify(error.context),
			].join('\n');
			expect(everything).not.toContain(privateKey);
			expect(everything).not.toContain('wrong-private-key-value');
		}
	}
});
