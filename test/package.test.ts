/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * What n8n installs: the built package loads as n8n loads it, and `npm pack` ships the compiled
 * node, credential, icons and codex, and nothing of the tests, the sandbox or the scripts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

import { CredentialTestContext } from 'n8n-core';
import type { IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { useSandbox } from './helpers/sandbox';

const require = createRequire(import.meta.url);
const pkg = require('../package.json');

describe('npm pack', () => {
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }),
	)[0] as {
		files: Array<{ path: string }>;
	};
	const files = packed.files.map((file) => file.path);

	it('contains what package.json declares to n8n, both icons and the codex', () => {
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(entry);
		expect(files).toEqual(
			expect.arrayContaining([
				'dist/icons/mallcoo.svg',
				'dist/icons/mallcoo.dark.svg',
				'dist/nodes/Mallcoo/Mallcoo.node.json',
				'dist/nodes/Mallcoo/MallcooTrigger.node.json',
				'package.json',
			]),
		);
	});

	it('contains nothing of the tests, the sandbox or the sources', () => {
		expect(
			files.filter((file) => /(^|\/)(test|sandbox|scripts|bench)\/|\.ts$|\.test\./.test(file)),
		).toEqual([]);
	});

	it('ships no compiled file left over from an older source layout', () => {
		const compiled = files.filter((file) => /^dist\/(nodes|credentials)\/.*\.js$/.test(file));
		expect(compiled.length).toBeGreaterThan(20);
		const orphans = compiled.filter(
			(file) => !existsSync(file.replace(/^dist\//, '').replace(/\.js$/, '.ts')),
		);
		expect(orphans).toEqual([]);
	});

	it('declares no runtime dependencies and n8n-workflow as a peer', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});
});

describe('the built package', () => {
	it('loads as n8n loads it, with the contract names', () => {
		const { Mallcoo } = require('../dist/nodes/Mallcoo/Mallcoo.node.js');
		const { MallcooApi } = require('../dist/credentials/MallcooApi.credentials.js');
		const node = new Mallcoo();
		expect(node.description.name).toBe('mallcoo');
		expect(node.description.usableAsTool).toBe(true);
		expect(new MallcooApi().name).toBe('mallcooApi');
		const codex = require('../dist/nodes/Mallcoo/Mallcoo.node.json');
		expect(codex.node).toBe(`${pkg.name}.mallcoo`);
		const { MallcooTrigger } = require('../dist/nodes/Mallcoo/MallcooTrigger.node.js');
		const trigger = new MallcooTrigger();
		expect(trigger.description.name).toBe('mallcooTrigger');
		expect(trigger.description.credentials).toEqual([
			expect.objectContaining({ name: 'mallcooApi' }),
		]);
		expect(require('../dist/nodes/Mallcoo/MallcooTrigger.node.json').node).toBe(
			`${pkg.name}.mallcooTrigger`,
		);
	});
});

describe('the credential test', () => {
	const fixture = useSandbox();

	/**
	 * What n8n's credential tester does with the built package: no `test` on the credential, so it
	 * runs the function the node names in `testedBy`, in n8n-core's credential-test context.
	 */
	async function testCredential(privateKey: string) {
		const { MallcooApi } = require('../dist/credentials/MallcooApi.credentials.js');
		const { Mallcoo } = require('../dist/nodes/Mallcoo/Mallcoo.node.js');
		expect(new MallcooApi().test).toBeUndefined();
		const node = new Mallcoo();
		const [{ testedBy }] = node.description.credentials;
		const context = new CredentialTestContext({} as IWorkflowExecuteAdditionalData);
		const credentials = { ...fixture.credentials, privateKey };
		return node.methods.credentialTest[testedBy].call(context, {
			id: 'sandbox',
			name: 'Mallcoo Sandbox',
			type: 'mallcooApi',
			data: credentials,
		});
	}

	it('passes with the right key', async () => {
		expect(await testCredential(fixture.credentials.privateKey)).toMatchObject({ status: 'OK' });
	});

	it('fails with a wrong private key, saying so', async () => {
		const result = await testCredential('not-the-private-key');
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Mallcoo refused the signature: check the Private Key\./);
	});
});
