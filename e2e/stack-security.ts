/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * The security checks both stacks must pass (e2e/security.test.ts, e2e/queue/security.test.ts):
 * every example webhook wants the secret, the secrets are random and private, every file and
 * folder of the stack is its owner's only, and every server listens on 127.0.0.1 only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';

// @ts-expect-error plain ESM without type declarations
import { folderSecrets } from '../scripts/lib/secrets.mjs';
// @ts-expect-error plain ESM without type declarations
import { STACK_SECRETS } from '../scripts/lib/stack.mjs';
import { callWebhook, stack, withRequests } from './helpers';

/** The owner password this project once published: no stack may use it. */
const PUBLISHED_PASSWORD = 'Mallcoo-n8n-1';
const FOREIGN_ORIGIN = 'https://attacker.example';

/** pid → parent pid of every process on the machine. */
function parentsOfAll(): Map<number, number> {
	const parents = new Map<number, number>();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			// "pid (command) state ppid ...": the command may hold spaces and parentheses.
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			parents.set(Number(entry), ppid);
		} catch {
			// gone meanwhile
		}
	}
	return parents;
}

/** `roots` and all their descendants. */
function withDescendants(roots: number[]): Set<number> {
	const parents = parentsOfAll();
	const family = new Set(roots);
	for (let grown = true; grown;) {
		grown = false;
		for (const [pid, ppid] of parents) {
			if (family.has(ppid) && !family.has(pid)) {
				family.add(pid);
				grown = true;
			}
		}
	}
	return family;
}

function socketInodes(pids: Set<number>): Set<string> {
	const inodes = new Set<string>();
	for (const pid of pids) {
		let fds: string[] = [];
		try {
			fds = fs.readdirSync(`/proc/${pid}/fd`);
		} catch {
			continue;
		}
		for (const fd of fds) {
			try {
				const match = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
				if (match) inodes.add(match[1]);
			} catch {
				// closed meanwhile
			}
		}
	}
	return inodes;
}

/** /proc/net/tcp{,6} hex address (little-endian 32-bit words) → text. */
function decodeAddress(hex: string): string {
	const words = hex.match(/.{8}/g)!.map((word) => word.match(/../g)!.reverse().join(''));
	const bytes = words
		.join('')
		.match(/../g)!
		.map((byte) => parseInt(byte, 16));
	if (bytes.length === 4) return bytes.join('.');
	const v4mapped =
		bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255;
	if (v4mapped) return `::ffff:${bytes.slice(12).join('.')}`;
	const groups = [];
	for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
	return groups.join(':');
}

/** Every TCP socket the processes `pids` (and their children) listen on. */
export function listeningSockets(pids: number[]): Array<{ address: string; port: number }> {
	const inodes = socketInodes(withDescendants(pids));
	const sockets = [];
	for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
		for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
			const fields = line.trim().split(/\s+/);
			if (fields.length < 10 || fields[3] !== '0A' || !inodes.has(fields[9])) continue; // 0A: LISTEN
			const [address, port] = fields[1].split(':');
			sockets.push({ address: decodeAddress(address), port: parseInt(port, 16) });
		}
	}
	return sockets;
}

/** Everything below `folder` that its group or others may use: "path mode". Returns the count too. */
export function notPrivate(folder: string): { seen: number; open: string[] } {
	const open: string[] = [];
	let seen = 0;
	const visit = (target: string) => {
		const stat = fs.lstatSync(target, { throwIfNoEntry: false });
		if (!stat || stat.isSymbolicLink()) return;
		seen++;
		if (target !== folder && stat.mode & 0o077)
			open.push(`${path.relative(folder, target)} ${(stat.mode & 0o777).toString(8)}`);
		if (stat.isDirectory())
			for (const name of fs.readdirSync(target)) visit(path.join(target, name));
	};
	visit(folder);
	return { seen, open };
}

async function loginStatus(password: string): Promise<number> {
	const { url, owner } = stack();
	const response = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password }),
	});
	await response.body?.cancel();
	return response.status;
}

/** Registers the checks; `files` are paths (relative to the stack's folder) that must exist. */
export function stackSecurityCases({ files }: { files: string[] }): void {
	it('every example webhook answers 403 without the secret or with a wrong one, runs nothing, and names no foreign origin', async () => {
		const hooks = stack()
			.workflows.filter((workflow) => workflow.example)
			.flatMap((workflow) => workflow.webhooks);
		const guarded = hooks.filter((hook) => hook.type === 'n8n-nodes-base.webhook');
		expect(guarded.length).toBeGreaterThanOrEqual(6);
		// The one other entry: the sign-in trigger's callback, which a shopper's browser reaches.
		expect(hooks.filter((hook) => !guarded.includes(hook)).map((h) => h.authentication)).toEqual([
			'mallcooTicket',
		]);
		const { value } = stack().security.webhookSecret;
		for (const hook of guarded) {
			expect(hook.authentication, hook.url).toBe('headerAuth');
			for (const secret of [null, 'not-the-secret', `${value}x`, value.slice(0, -1)]) {
				const { answer, requests } = await withRequests(() =>
					callWebhook(hook, {
						secret,
						query: hook.method === 'GET' ? { mobile: '13800000001' } : undefined,
						body: hook.method === 'GET' ? undefined : { mobiles: ['13800000001'], crmId: 'CRM1' },
						headers: { origin: FOREIGN_ORIGIN },
					}),
				);
				const what = `${hook.method} ${hook.url} with secret ${JSON.stringify(secret)}`;
				expect([401, 403], what).toContain(answer.status);
				expect(requests, what).toEqual([]);
				expect(answer.headers.get('access-control-allow-origin'), what).not.toBe(FOREIGN_ORIGIN);
			}
		}
	});

	it('keeps the owner password and the webhook secret in a 0600 file, random per folder, never the published password', async () => {
		const { secretsFile, webhookSecret } = stack().security;
		expect(fs.statSync(secretsFile).mode & 0o777).toBe(0o600);
		const stored = JSON.parse(fs.readFileSync(secretsFile, 'utf8')) as Record<string, string>;
		expect(stored.webhookSecret).toBe(webhookSecret.value);
		expect(stored.ownerPassword).toBe(stack().owner.password);
		expect(stored.ownerPassword).not.toBe(PUBLISHED_PASSWORD);
		expect(await loginStatus(stored.ownerPassword)).toBe(200);
		expect(await loginStatus(PUBLISHED_PASSWORD)).toBe(401);

		const fresh = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'mallcoo-secrets-')));
		try {
			const [first, second] = fresh.map((folder) => folderSecrets(folder, STACK_SECRETS));
			for (const name of STACK_SECRETS) {
				expect(first[name], name).not.toBe(second[name]);
				expect(first[name], name).not.toBe(stored[name]);
			}
			expect(first.ownerPassword).not.toBe(PUBLISHED_PASSWORD);
			// A later start of the same folder reuses them.
			expect(folderSecrets(fresh[0], STACK_SECRETS)).toEqual(first);
			expect(fs.statSync(path.join(fresh[0], 'mallcoo-secrets.json')).mode & 0o777).toBe(0o600);
		} finally {
			for (const folder of fresh) fs.rmSync(folder, { recursive: true, force: true });
		}
	});

	it("keeps the stack's folders 0700 and its files 0600: data, logs, secrets", () => {
		const { folder, postgres } = stack().security;
		const root = fs.statSync(folder);
		// As root, PostgreSQL runs as `postgres` and must pass through to its data (its group only).
		const asRootWithPostgres = Boolean(postgres) && process.getuid?.() === 0;
		expect((root.mode & 0o777).toString(8)).toBe(asRootWithPostgres ? '710' : '700');
		for (const file of files) {
			const stat = fs.statSync(path.join(folder, file));
			expect((stat.mode & 0o777).toString(8), file).toBe(stat.isDirectory() ? '700' : '600');
		}
		const { seen, open } = notPrivate(folder);
		expect(open).toEqual([]);
		expect(seen).toBeGreaterThan(files.length);
	});

	it('listens on 127.0.0.1 only: every socket of every server of the stack', () => {
		const { pids, ports } = stack().security;
		const sockets = listeningSockets(pids);
		expect(sockets.filter((socket) => socket.address !== '127.0.0.1')).toEqual([]);
		expect(sockets.map((socket) => socket.port)).toEqual(
			expect.arrayContaining(Object.values(ports)),
		);
	});
}
