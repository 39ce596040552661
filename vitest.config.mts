import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
	resolve: {
		// n8n-core loads the CommonJS build of n8n-workflow; tests and the node must share it,
		// or `instanceof NodeApiError` checks inside the engine fail.
		alias: { 'n8n-workflow': require.resolve('n8n-workflow') },
	},
	test: {
		include: ['test/**/*.test.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks',
	},
});
