/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
// What global-setup.ts hands the tests (no vitest import here: global setup cannot load vitest).
import path from 'node:path';

/** Git-ignored: screenshots and the servers' logs. */
export const ARTIFACTS = path.join(__dirname, '..', 'test-artifacts');

export interface Webhook {
	node: string;
	type: string;
	method: string;
	url: string;
}

export interface StackInfo {
	url: string;
	/** n8n-auth cookie of the owner, from the start-up login (n8n allows 5 logins a minute). */
	cookie: string;
	owner: { email: string; password: string };
	sandbox: { url: string; credentials: { appId: string; publicKey: string; privateKey: string } };
	credential: { id: string; name: string; type: string };
	workflows: Array<{ id: string; name: string; published: boolean; webhooks: Webhook[] }>;
	/** Queue mode only (e2e/queue/global-setup.ts). */
	queue?: QueueInfo;
}

export interface QueueInfo {
	/** The main's log: "Enqueued execution N". */
	mainLog: string;
	/** Each worker's log: "Worker started execution N". */
	workers: Array<{ name: string; logPath: string; concurrency: number }>;
	/** A second sandbox started with `--rate-limit perSecond`, and the credential pointing at it. */
	limited: { url: string; perSecond: number; credentialId: string; workflowId: string };
}
