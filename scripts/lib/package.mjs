// This project as n8n sees it: built, packed with `npm pack`, and unpacked where n8n's
// community-package installer puts packages. Used by scripts/lib/stack.mjs (npm start, the
// e2e tests), scripts/lib/queue.mjs (one copy per queue-mode process) and
// `node scripts/n8n-server.mjs check`. Plain Node ESM with built-ins only.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { REPO_ROOT } from './install.mjs';
import { logger, run } from './process.mjs';

const log = logger('package');

/**
 * Unpacks an `npm pack` tarball into `<userFolder>/.n8n/nodes/node_modules/<name>` and lists it
 * in `<userFolder>/.n8n/nodes/package.json`, which is where n8n's community-package installer
 * puts packages and where n8n loads them from at start. Returns the package's folder.
 */
export async function installPackageIntoUserFolder(userFolder, tarballPath) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-package-'));
	try {
		// npm's tarballs hold one top-level `package/` folder.
		await run('tar', ['-xzf', path.resolve(tarballPath), '-C', staging], { quiet: true });
		const unpacked = path.join(staging, 'package');
		const { name, version } = JSON.parse(
			fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'),
		);
		const target = path.join(nodesDir, 'node_modules', name);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.cpSync(unpacked, target, { recursive: true });
		addDependency(nodesDir, name, version);
		return target;
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
}

function addDependency(nodesDir, name, version) {
	const file = path.join(nodesDir, 'package.json');
	const manifest = fs.existsSync(file)
		? JSON.parse(fs.readFileSync(file, 'utf8'))
		: { name: 'installed-nodes', private: true };
	manifest.dependencies = { ...manifest.dependencies, [name]: version };
	fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Builds this project and packs it; returns the tarball's path (in a temporary folder). */
export async function buildAndPack({ build = true } = {}) {
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	if (build) {
		log('Building the package (npm run build) ...');
		await run(npm, ['run', 'build'], { cwd: REPO_ROOT, quiet: true });
	}
	const destination = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-mallcoo-pack-'));
	const output = await run(npm, ['pack', '--json', '--pack-destination', destination], {
		cwd: REPO_ROOT,
		quiet: true,
	});
	const [{ filename }] = JSON.parse(output);
	return path.join(destination, filename);
}

/**
 * Builds and packs this project (or takes `tarball`), installs it into every one of
 * `userFolders`, and removes the tarball it made. Returns the installed folders.
 */
export async function installOwnPackage(userFolders, { tarball, build = true } = {}) {
	const file = tarball ? path.resolve(tarball) : await buildAndPack({ build });
	try {
		const installed = [];
		for (const folder of userFolders)
			installed.push(await installPackageIntoUserFolder(folder, file));
		return installed;
	} finally {
		if (!tarball) fs.rmSync(path.dirname(file), { recursive: true, force: true });
	}
}
