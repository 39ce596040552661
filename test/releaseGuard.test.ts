/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * The package reaches npm only through the release flow (GitHub Actions, with provenance): a bare
 * `npm publish` is refused, with this project's scripts off (.npmrc) and with them on. Published
 * against a local stand-in registry, so nothing leaves the machine.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));

let registry: Server;
let registryUrl: string;
const uploads: string[] = [];

beforeAll(async () => {
	registry = createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			if (request.method === 'PUT') {
				uploads.push(request.url ?? '');
				response.writeHead(201, { 'content-type': 'application/json' });
				response.end('{"ok":true}');
				return;
			}
			response.writeHead(404, { 'content-type': 'application/json' });
			response.end('{"error":"Not found"}');
		});
	});
	await new Promise<void>((done) => registry.listen(0, '127.0.0.1', done));
	registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise((done) => registry.close(done)));

/** `npm publish` with the given flags, as a developer's machine runs it (no CI, no npm_ variables). */
function publish(flags: string[], extraEnv: Record<string, string> = {}) {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value === undefined || /^(npm_|CI$|GITHUB_|ACTIONS_|RUNNER_|RELEASE_MODE$)/i.test(key))
			continue;
		env[key] = value;
	}
	const host = registryUrl.replace(/^http:/, '');
	const args = ['publish', `--registry=${registryUrl}`, `--${host}:_authToken=stand-in`, ...flags];
	return new Promise<{ code: number; output: string }>((done) => {
		execFile('npm', args, { cwd: root, env: { ...env, ...extraEnv } }, (error, stdout, stderr) =>
			done({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}\n${stderr}` }),
		);
	});
}

describe('npm publish outside the release flow', () => {
	it('is refused with the project settings: provenance cannot be made off CI', async () => {
		const before = uploads.length;
		const { code, output } = await publish([]);
		expect(code).not.toBe(0);
		expect(output).toContain('provenance');
		expect(uploads.length).toBe(before);
	});

	it('is refused by prepublishOnly when scripts run, pointing at npm run release', async () => {
		const before = uploads.length;
		const { code, output } = await publish(['--ignore-scripts=false']);
		expect(code).not.toBe(0);
		expect(output).toContain('Run `npm run release` to publish the package');
		expect(uploads.length).toBe(before);
	});

	it('reaches the registry in release mode once provenance is waived (the stand-in works)', async () => {
		const before = uploads.length;
		const { code, output } = await publish(['--ignore-scripts=false', '--provenance=false'], {
			RELEASE_MODE: 'true',
		});
		expect(output).toContain(`+ ${pkg.name}@${pkg.version}`);
		expect(code).toBe(0);
		expect(uploads.slice(before)).toEqual([`/${pkg.name}`]);
	});
});
