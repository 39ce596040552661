import { describe, expect, it } from 'vitest';

// @ts-expect-error plain ESM without type declarations
import { startSandboxProcess } from '../../scripts/lib/sandbox.mjs';
import { SEED_MEMBERS } from '../../sandbox/server';

/** The command line, started through the project's one sandbox launcher, as npm start and the bench start it. */

interface SandboxChild {
	url: string;
	stop(): Promise<void>;
}

describe('command line', () => {
	it('takes --fault-rate, --fault-kinds, --fault-seed, --rate-limit and --dialect (old flags unchanged)', async () => {
		const child: SandboxChild = await startSandboxProcess({
			port: 0,
			args: [
				'--latency',
				'0',
				'--members',
				'3',
				'--fault-rate',
				'1',
				'--fault-kinds',
				'http500AfterApply',
				'--fault-seed',
				'3',
				'--rate-limit',
				'50',
				'--dialect',
				'alt',
			],
		});
		try {
			const health = (await (await fetch(`${child.url}/__sandbox/health`)).json()) as Record<
				string,
				unknown
			>;
			expect(health).toMatchObject({
				members: SEED_MEMBERS.length + 3,
				randomFaults: { rate: 1, kinds: ['http500AfterApply'], seed: 3 },
				rateLimit: 50,
				dialect: 'alt',
			});
		} finally {
			await child.stop();
		}
	});
});
