/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * test/helpers/engine.ts imports '../../nodes/Mallcoo/Mallcoo.node'. Vitest resolves that to the
 * .ts file, but Node's CommonJS resolver (which tsx extends) tries '.json' before '.ts' and
 * loads Mallcoo.node.json instead ("Mallcoo is not a constructor"). Point such requests at the
 * .ts source, so the bench can import the test engine unchanged. Import this module first.
 */
import Module from 'node:module';

type Resolve = (request: string, ...rest: unknown[]) => string;
const internals = Module as unknown as { _resolveFilename: Resolve };
const resolve = internals._resolveFilename;
internals._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
	return resolve.call(
		this,
		/[\\/]Mallcoo\.node$/.test(request) ? `${request}.ts` : request,
		...rest,
	);
};
