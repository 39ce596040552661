/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
// What global-setup.ts hands the tests (no vitest import here: global setup cannot load vitest).
import path from 'node:path';

// @ts-expect-error plain ESM without type declarations
import { CREDENTIAL, productionWebhooks } from '../scripts/lib/stack.mjs';

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

/** What scripts/lib's startStack and startQueueStack return that the tests are told about. */
export interface StartedStack {
	url: string;
	cookie: string;
	owner: { email: string; password: string };
	sandbox: { url: string; credentials: StackInfo['sandbox']['credentials'] };
	workflows: Array<{ id: string; name: string; published: boolean; json: unknown }>;
}

/** The stack as the tests see it, for the embedded and the queue-mode stack alike. */
export function stackInfoOf(stack: StartedStack): StackInfo {
	return {
		url: stack.url,
		cookie: stack.cookie,
		owner: { email: stack.owner.email, password: stack.owner.password },
		sandbox: { url: stack.sandbox.url, credentials: stack.sandbox.credentials },
		credential: CREDENTIAL,
		workflows: stack.workflows.map((workflow) => ({
			id: workflow.id,
			name: workflow.name,
			published: workflow.published,
			webhooks: productionWebhooks(stack.url, workflow.json),
		})),
	};
}
