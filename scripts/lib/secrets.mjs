// The local stacks' secrets and file modes: a random owner password, webhook secret and (queue
// mode) PostgreSQL and Redis passwords per data folder, kept in one 0600 file and reused on later
// starts; and the modes that keep a stack's folders (0700) and files (0600) to their owner on a
// shared machine. Used by scripts/lib/stack.mjs, scripts/lib/queue.mjs and the e2e suites.
// Plain Node ESM with built-ins only.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SECRETS_FILE = 'mallcoo-secrets.json';

/** The header every example webhook wants (n8n's Webhook node, Authentication: Header Auth). */
export const WEBHOOK_SECRET_HEADER = 'X-Mallcoo-Webhook-Secret';
/** The credential the examples' Webhook nodes name (`credentials.httpHeaderAuth`). */
export const WEBHOOK_CREDENTIAL = {
	id: 'mallcooWebhook01',
	name: 'Mallcoo Examples Webhook Secret',
	type: 'httpHeaderAuth',
};

const GENERATORS = {
	// n8n wants 8 to 64 characters with a digit and an upper-case letter; the prefix has both.
	ownerPassword: () => `Mc1-${randomBytes(18).toString('base64url')}`,
	webhookSecret: () => randomBytes(32).toString('base64url'),
	// Hex: safe in a connection string, a redis.conf line and a SQL literal alike.
	postgresPassword: () => randomBytes(24).toString('hex'),
	redisPassword: () => randomBytes(24).toString('hex'),
};

/** A new random value for the secret `name` (a key of GENERATORS). */
export function newSecret(name) {
	if (!GENERATORS[name]) throw new Error(`No generator for the secret "${name}"`);
	return GENERATORS[name]();
}

export const secretsFileOf = (folder) => path.join(folder, SECRETS_FILE);

/** The secrets stored in `folder` (an empty object when there are none yet). */
export function readSecrets(folder) {
	try {
		return JSON.parse(fs.readFileSync(secretsFileOf(folder), 'utf8'));
	} catch {
		return {};
	}
}

/**
 * The secrets `names` of `folder` (any of GENERATORS' keys): the stored ones, and new random ones
 * for those missing, stored before they are returned. The file is 0600 however it was found.
 */
export function folderSecrets(folder, names) {
	const file = secretsFileOf(folder);
	const secrets = readSecrets(folder);
	const missing = names.filter((name) => typeof secrets[name] !== 'string' || !secrets[name]);
	for (const name of missing) secrets[name] = newSecret(name);
	fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
	if (missing.length)
		fs.writeFileSync(file, `${JSON.stringify(secrets, null, '\t')}\n`, { mode: 0o600 });
	fs.chmodSync(file, 0o600);
	return secrets;
}

/** The webhook credential in n8n's export format, plain `data` (`n8n import:credentials` encrypts it). */
export function webhookCredentialExport(secret) {
	return { ...WEBHOOK_CREDENTIAL, data: { name: WEBHOOK_SECRET_HEADER, value: secret } };
}

/**
 * Makes what the stack creates from now on private to this user: child processes inherit the
 * umask, so n8n's database, PostgreSQL's and Redis's files and every log start 0600 (folders
 * 0700). Returns a function that restores the previous umask.
 */
export function privateUmask() {
	const previous = process.umask(0o077);
	return () => process.umask(previous);
}

/**
 * Takes group and other permissions off `folder` and everything in it (symbolic links are left
 * alone), for folders and files made before privateUmask() was in force. `skip` lists absolute
 * paths whose trees are not walked (PostgreSQL keeps its own data folder 0700).
 */
export function makePrivate(folder, { skip = [] } = {}) {
	const visit = (target) => {
		const stat = fs.lstatSync(target, { throwIfNoEntry: false });
		if (!stat || stat.isSymbolicLink()) return;
		if (stat.mode & 0o077) fs.chmodSync(target, stat.mode & 0o700);
		if (!stat.isDirectory() || skip.includes(target)) return;
		for (const name of fs.readdirSync(target)) visit(path.join(target, name));
	};
	visit(path.resolve(folder));
}
