import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end: one real n8n server (started by global-setup.ts through scripts/lib/stack.mjs, the
// code path of `npm start`) shared by every file here; files run one after another. The queue-mode
// suite in e2e/queue/ has its own stack and config (npm run test:e2e:queue).
export default defineConfig({
	root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
	test: {
		include: ['e2e/**/*.test.ts'],
		exclude: ['e2e/queue/**', '**/node_modules/**'],
		globalSetup: ['e2e/global-setup.ts'],
		fileParallelism: false,
		pool: 'forks',
		testTimeout: 60_000,
		hookTimeout: 120_000,
		reporters: ['verbose'],
	},
});
