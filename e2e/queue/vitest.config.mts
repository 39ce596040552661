import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end on n8n's queue mode (npm run test:e2e:queue): one stack (PostgreSQL, Redis, the n8n
// main and 2 workers, started by e2e/queue/global-setup.ts through scripts/lib/queue.mjs, the
// code path of `npm start -- --queue`) shared by every file here; files run one after another.
export default defineConfig({
	root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..'),
	test: {
		include: ['e2e/queue/**/*.test.ts'],
		globalSetup: ['e2e/queue/global-setup.ts'],
		fileParallelism: false,
		pool: 'forks',
		testTimeout: 180_000,
		hookTimeout: 300_000,
		reporters: ['verbose'],
	},
});
