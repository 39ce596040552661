import { afterAll, beforeAll, beforeEach } from 'vitest';

import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';

export interface SandboxFixture {
	sandbox: Sandbox;
	/** The credential as a user would fill it in, pointing at the sandbox. */
	credentials: {
		appId: string;
		publicKey: string;
		privateKey: string;
		baseUrl: string;
		authBaseUrl: string;
	};
}

/** A real sandbox on 127.0.0.1 for the file's tests, re-seeded before each test. */
export function useSandbox(options: SandboxOptions = {}): SandboxFixture {
	const fixture = {} as SandboxFixture;
	beforeAll(async () => {
		fixture.sandbox = await startSandbox({ port: 0, ...options });
		fixture.credentials = {
			...fixture.sandbox.credentials,
			baseUrl: fixture.sandbox.url,
			authBaseUrl: fixture.sandbox.url,
		};
	});
	beforeEach(() => fixture.sandbox.reset());
	afterAll(async () => fixture.sandbox?.close());
	return fixture;
}
