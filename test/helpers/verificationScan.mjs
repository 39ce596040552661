/**
 * Lints a folder the way n8n's verification scanner (@n8n/scan-community-package) does, with the
 * scanner's own config, ESLint and plugin versions, and prints the outcome as JSON. A process of
 * its own because eslint-plugin-n8n-nodes-base turns its filename rules into stubs when
 * NODE_ENV is "test", as it is under vitest.
 *
 * node test/helpers/verificationScan.mjs '{"dir": "...", "patterns": [...]}'
 * node test/helpers/verificationScan.mjs '{"dir": "...", "text": "...", "filePath": "..."}'
 */
import { createRequire } from 'node:module';

const request = JSON.parse(process.argv[2]);
const require = createRequire(import.meta.url);
const scannerPath = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
const scanner = await import(scannerPath);
const fromScanner = createRequire(scannerPath);
const { ESLint } = fromScanner('eslint');
const glob = fromScanner('fast-glob');

// As the scanner's analyzePackage sets ESLint up: inline eslint-disable comments count for nothing.
const eslint = new ESLint({
	cwd: request.dir,
	allowInlineConfig: false,
	overrideConfigFile: true,
	overrideConfig: await scanner.buildScanConfig(),
});

const patterns = request.patterns ?? scanner.SOURCE_FILE_PATTERNS;
const files = request.text
	? [request.filePath]
	: glob.sync(patterns, {
			cwd: request.dir,
			absolute: true,
			ignore: ['node_modules/**', '**/package-lock.json'],
		});
const results = request.text
	? await eslint.lintText(request.text, { filePath: request.filePath })
	: await eslint.lintFiles(files);
const messages = results.flatMap((result) =>
	result.messages.map((m) => ({
		file: result.filePath,
		line: m.line,
		ruleId: m.ruleId,
		severity: m.severity,
		message: m.message,
	})),
);
// The scanner's own verdict on the same folder and patterns.
const verdict = request.text ? undefined : await scanner.analyzePackage(request.dir, patterns);
process.stdout.write(JSON.stringify({ files, messages, verdict }));
