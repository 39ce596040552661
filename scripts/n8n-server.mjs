#!/usr/bin/env node
// The n8n runtime's command line:
//   `node scripts/n8n-server.mjs install` (npm run n8n:install; .ci/run runs it in the
//   background before `npm install`) installs the pinned n8n and Node 24 into .cache/n8n;
//   `node scripts/n8n-server.mjs check` (npm run n8n:check) is a smoke test of the package in a
//   fresh n8n. The code is in scripts/lib/ (install.mjs, server.mjs, package.mjs, api.mjs).
// Plain Node ESM with built-ins only, so it works before (and without) the project's install.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { DEFAULT_OWNER, ensureOwner, login, restRequest } from './lib/api.mjs';
import { CACHE_DIR, N8N_VERSION, REPO_ROOT, ensureN8n } from './lib/install.mjs';
import { installOwnPackage } from './lib/package.mjs';
import { logger, stopWithParent, stoppedBySignal } from './lib/process.mjs';
import { startN8n } from './lib/server.mjs';

const log = logger('n8n-server');

const USAGE = `Usage:
  node scripts/n8n-server.mjs install     install n8n ${N8N_VERSION} (and Node 24) into ${path.relative(REPO_ROOT, CACHE_DIR)}
  node scripts/n8n-server.mjs check [--tarball FILE | --no-build] [--port N]
      smoke test: a fresh n8n in a temporary folder loads the package's node types, then stops
The n8n cache folder can be moved with N8N_CACHE_DIR. To run n8n with the package: npm start.`;

async function main(argv) {
	const { positionals, values } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			port: { type: 'string' },
			tarball: { type: 'string' },
			'no-build': { type: 'boolean' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	const [command] = positionals;
	if (values.help || !['install', 'check'].includes(command)) {
		console.log(USAGE);
		return values.help ? 0 : 1;
	}
	if (command === 'install') {
		const runtime = await ensureN8n();
		log(`n8n: ${runtime.nodeBin} ${runtime.n8nBin}`);
		return 0;
	}
	stopWithParent();
	return await check(values);
}

/** Smoke test: a fresh n8n loads this package's node and credential types, then stops. */
async function check(values) {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-check-'));
	// Build errors show up before the (first-time) n8n install, which startN8n() runs.
	const [installed] = await installOwnPackage([userFolder], {
		tarball: values.tarball,
		build: !values['no-build'],
	});
	log(`Installed the package into ${installed}`);
	const { name } = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
	const server = await startN8n({
		userFolder,
		port: values.port ? Number(values.port) : undefined,
	});
	try {
		await ensureOwner(server.url);
		const cookie = await login(server.url, DEFAULT_OWNER.email, DEFAULT_OWNER.password);
		const nodes = await restRequest(server.url, 'GET', '/types/nodes.json', { cookie });
		const credentials = await restRequest(server.url, 'GET', '/types/credentials.json', { cookie });
		const ours = nodes.filter((type) => type.name.startsWith(`${name}.`)).map((type) => type.name);
		log(`${nodes.length} node types; from ${name}: ${ours.join(', ') || 'none'}`);
		log(
			`${credentials.length} credential types, including: ${
				credentials
					.filter((type) => /mallcoo/i.test(type.name))
					.map((type) => type.name)
					.join(', ') || 'none of ours'
			}`,
		);
		if (ours.length === 0) throw new Error(`n8n did not load ${name}; see ${server.logPath}`);
	} finally {
		await server.stop();
	}
	fs.rmSync(userFolder, { recursive: true, force: true });
	log('check passed');
	return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(error) => {
			if (stoppedBySignal() !== null) process.exit(stoppedBySignal()); // stopped by Ctrl-C
			console.error(`[n8n-server] ${error.message}`);
			process.exit(1);
		},
	);
}
