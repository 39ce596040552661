/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
// What global-setup.ts hands the tests (no vitest import here: global setup cannot load vitest).
import fs from 'node:fs';
import path from 'node:path';

// @ts-expect-error plain ESM without type declarations
import { CREDENTIAL, EXAMPLES_DIR, productionWebhooks } from '../scripts/lib/stack.mjs';

/** Git-ignored: screenshots and the servers' logs. */
export const ARTIFACTS = path.join(__dirname, '..', 'test-artifacts');

export interface Webhook {
	node: string;
	type: string;
	method: string;
	url: string;
	/** `headerAuth` (the secret header), `none`, or `mallcooTicket` (the sign-in trigger). */
	authentication: string;
}

export interface StackInfo {
	url: string;
	/** n8n-auth cookie of the owner, from the start-up login (n8n allows 5 logins a minute). */
	cookie: string;
	owner: { email: string; password: string };
	sandbox: { url: string; credentials: { appId: string; publicKey: string; privateKey: string } };
	credential: { id: string; name: string; type: string };
	workflows: Array<{
		id: string;
		name: string;
		published: boolean;
		/** From examples/ (not an e2e fixture). */
		example: boolean;
		webhooks: Webhook[];
	}>;
	/** Where the stack keeps its data and secrets, and what it runs, for the security checks. */
	security: SecurityInfo;
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

export interface SecurityInfo {
	/** The stack's data folder (the user folder; in queue mode the folder of all its parts). */
	folder: string;
	/** mallcoo-secrets.json: ownerPassword, webhookSecret (queue mode: postgresPassword, redisPassword). */
	secretsFile: string;
	webhookSecret: { header: string; value: string };
	/** The stack's server processes (their children count as theirs). */
	pids: number[];
	/** Ports the stack must be listening on. */
	ports: Record<string, number>;
	/** Queue mode only. */
	postgres?: { port: number; user: string; database: string; binDir: string };
	redis?: { port: number };
}

interface Server {
	pid: number;
	port?: number;
}

/** What scripts/lib's startStack and startQueueStack return that the tests are told about. */
export interface StartedStack {
	url: string;
	cookie: string;
	owner: { email: string };
	folder?: string;
	userFolder: string;
	secretsFile: string;
	webhookSecret: { header: string; value: string };
	n8n: Server;
	sandbox: Server & { url: string; credentials: StackInfo['sandbox']['credentials'] };
	workers?: Server[];
	postgres?: Server & { port: number; user: string; database: string; binDir: string };
	redis?: Server & { port: number };
	workflows: Array<{ id: string; name: string; published: boolean; json: unknown; file?: string }>;
}

/**
 * The stack as the tests see it, for the embedded and the queue-mode stack alike. The owner's
 * password is read where the stack stores it; `extraPids` are more servers the suite started.
 */
export function stackInfoOf(stack: StartedStack, extraPids: number[] = []): StackInfo {
	const stored = JSON.parse(fs.readFileSync(stack.secretsFile, 'utf8')) as {
		ownerPassword: string;
	};
	const { postgres, redis } = stack;
	return {
		url: stack.url,
		cookie: stack.cookie,
		owner: { email: stack.owner.email, password: stored.ownerPassword },
		sandbox: { url: stack.sandbox.url, credentials: stack.sandbox.credentials },
		credential: CREDENTIAL,
		workflows: stack.workflows.map((workflow) => ({
			id: workflow.id,
			name: workflow.name,
			published: workflow.published,
			example: Boolean(workflow.file && path.dirname(workflow.file) === EXAMPLES_DIR),
			webhooks: productionWebhooks(stack.url, workflow.json),
		})),
		security: {
			folder: stack.folder ?? stack.userFolder,
			secretsFile: stack.secretsFile,
			webhookSecret: stack.webhookSecret,
			pids: [stack.n8n, stack.sandbox, ...(stack.workers ?? []), postgres, redis]
				.filter((server): server is Server => Boolean(server))
				.map((server) => server.pid)
				.concat(extraPids),
			ports: {
				n8n: Number(new URL(stack.url).port),
				sandbox: Number(new URL(stack.sandbox.url).port),
				...(postgres ? { postgres: postgres.port } : {}),
				...(redis ? { redis: redis.port } : {}),
			},
			...(postgres
				? {
						postgres: {
							port: postgres.port,
							user: postgres.user,
							database: postgres.database,
							binDir: postgres.binDir,
						},
					}
				: {}),
			...(redis ? { redis: { port: redis.port } } : {}),
		},
	};
}
