/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The sandbox's own files import one another without a loop, and control.ts never needs the server. */

const ROOT = join(__dirname, '..', '..', 'sandbox');

/** Every .ts file under sandbox/, as a path relative to it (pages/user.ts). */
function sandboxFiles(dir = ROOT): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sandboxFiles(path);
		return entry.name.endsWith('.ts') ? [relative(ROOT, path)] : [];
	});
}

describe('module graph', () => {
	it('has no import loop among the sandbox files', () => {
		const files = sandboxFiles();
		expect(files).toContain(join('pages', 'user.ts'));
		const imports = new Map(
			files.map((file) => [
				file,
				[...readFileSync(join(ROOT, file), 'utf8').matchAll(/from '(\.{1,2}\/[\w/.-]+)'/g)]
					.map((m) => relative(ROOT, join(ROOT, dirname(file), `${m[1]}.ts`)))
					.filter((target) => !target.startsWith('..')),
			]),
		);
		expect(imports.get('control.ts')).not.toContain('server.ts');
		const visiting = new Set<string>();
		const done = new Set<string>();
		const visit = (file: string, path: string[]) => {
			if (done.has(file)) return;
			expect(visiting.has(file), `import loop ${[...path, file].join(' → ')}`).toBe(false);
			visiting.add(file);
			for (const next of imports.get(file) ?? []) visit(next, [...path, file]);
			visiting.delete(file);
			done.add(file);
		};
		for (const file of files) visit(file, []);
	});
});
