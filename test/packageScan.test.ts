/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * The tarball as n8n's verification sees it: `npm pack`, unpacked, then linted with the rules of
 * n8n's own scanner (@n8n/scan-community-package, its config and its pinned plugin versions,
 * inline eslint-disable comments ignored), both its legs: the compiled tarball and the source
 * the provenance statement points at. n8n Cloud installs a package only once this passes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');

/** The scanner's own tarball leg (compiled code and package.json; .ts there only misfires). */
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

interface ScanOutcome {
	files: string[];
	messages: Array<{ file: string; line: number; ruleId: string | null; message: string }>;
	verdict?: { passed: boolean; message?: string; details?: string };
}

/** Runs test/helpers/verificationScan.mjs in a plain Node process, as the scanner's CLI runs. */
function scan(request: { dir: string; patterns?: string[]; text?: string; filePath?: string }) {
	const env = { ...process.env };
	delete env.NODE_ENV;
	const output = execFileSync(
		process.execPath,
		[join(__dirname, 'helpers/verificationScan.mjs'), JSON.stringify(request)],
		{ cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
	);
	const outcome = JSON.parse(output) as ScanOutcome;
	const problems = outcome.messages.map(
		(m) => `${m.file.slice(request.dir.length + 1)}:${m.line} ${m.ruleId}: ${m.message}`,
	);
	return { ...outcome, problems };
}

let workDir: string;
let unpacked: string;
let shipped: string[];

beforeAll(() => {
	workDir = mkdtempSync(join(tmpdir(), 'mallcoo-pack-'));
	// Scripts off as everywhere in this project: the tarball is what `npm run build` left in dist/.
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', workDir], {
			cwd: root,
			encoding: 'utf8',
		}),
	) as Array<{ filename: string }>;
	unpacked = join(workDir, 'package');
	execFileSync('tar', ['-xzf', join(workDir, packed.filename), '-C', workDir]);
	shipped = execFileSync('find', ['.', '-type', 'f'], { cwd: unpacked, encoding: 'utf8' })
		.split('\n')
		.filter(Boolean)
		.map((file) => file.replace(/^\.\//, ''));
}, 60_000);

afterAll(() => {
	if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the packed tarball', () => {
	it('ships dist/ and README, LICENSE and package.json, nothing else', () => {
		expect(shipped.filter((file) => file.startsWith('dist/')).length).toBeGreaterThan(20);
		expect(
			shipped.filter(
				(file) =>
					!file.startsWith('dist/') && !['README.md', 'LICENSE', 'package.json'].includes(file),
			),
		).toEqual([]);
	});

	it('holds every file the package.json n8n section names', () => {
		const pkg = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
		const declared = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
		expect(declared.length).toBe(3);
		expect(declared.filter((entry: string) => !existsSync(join(unpacked, entry)))).toEqual([]);
	});

	it('declares no runtime dependencies of any kind', () => {
		const pkg = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
		for (const field of [
			'dependencies',
			'optionalDependencies',
			'bundleDependencies',
			'bundledDependencies',
		]) {
			expect(pkg[field], field).toBeUndefined();
		}
		expect(Object.keys(pkg.peerDependencies)).toEqual(['n8n-workflow']);
	});
});

describe("n8n's verification scanner", () => {
	it('finds no error in the tarball (compiled code and package.json)', () => {
		const { files, problems, verdict } = scan({ dir: unpacked, patterns: TARBALL_PATTERNS });
		expect(files.length).toBeGreaterThan(20);
		expect(files).toContain(join(unpacked, 'package.json'));
		expect(problems).toEqual([]);
		expect(verdict).toEqual({ passed: true });
	});

	it('finds no error in the source (package.json, nodes/ and credentials/)', () => {
		const { files, problems, verdict } = scan({ dir: root });
		expect(files.length).toBeGreaterThan(20);
		expect(files.filter((file) => file.endsWith('.node.ts')).length).toBe(2);
		expect(problems).toEqual([]);
		expect(verdict).toEqual({ passed: true });
	});

	it('would catch a violation even under an eslint-disable comment', () => {
		const { problems } = scan({
			dir: unpacked,
			text: '/* eslint-disable */\n"use strict";\nconsole.log("x");\n',
			filePath: join(unpacked, 'dist/nodes/Mallcoo/Canary.node.js'),
		});
		expect(problems.join('\n')).toContain('no-console');
	});

	it("would catch a node file named against n8n's convention (the rules are not in test mode)", () => {
		const { problems } = scan({
			dir: root,
			text: "export class Wrong {\n\tdescription = { displayName: 'Mallcoo', name: 'mallcoo', group: ['transform'], version: 1, description: 'd', defaults: { name: 'Mallcoo' }, inputs: ['main'], outputs: ['main'], properties: [] };\n}\n",
			filePath: join(root, 'nodes/Mallcoo/Wrong.node.ts'),
		});
		expect(problems.join('\n')).toContain('node-filename-against-convention');
	});

	it('would catch a runtime dependency in the packed package.json', () => {
		const pkg = readFileSync(join(unpacked, 'package.json'), 'utf8');
		const { problems } = scan({
			dir: unpacked,
			text: pkg.replace(/^\{/, '{\n\t"dependencies": { "axios": "^1.0.0" },'),
			filePath: join(unpacked, 'package.json'),
		});
		expect(problems.length).toBeGreaterThan(0);
	});
});
