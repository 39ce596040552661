/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * The stack `npm start -- --queue` runs, on a shared machine: the checks of the embedded stack,
 * and PostgreSQL and Redis that answer only with their passwords.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { stack } from '../helpers';
import { stackSecurityCases } from '../stack-security';

const stored = () =>
	JSON.parse(fs.readFileSync(stack().security.secretsFile, 'utf8')) as Record<string, string>;

/** `SELECT 1` through psql with `password` (none: no password at all); never prompts. */
function psql(password?: string) {
	const { port, user, database, binDir } = stack().security.postgres!;
	const env = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !name.startsWith('PG')),
	) as NodeJS.ProcessEnv;
	env.PGPASSFILE = '/dev/null';
	if (password !== undefined) env.PGPASSWORD = password;
	const args = ['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', database];
	return spawnSync(path.join(binDir, 'psql'), [...args, '-w', '-tAc', 'SELECT 1'], {
		env,
		encoding: 'utf8',
	});
}

/** Sends each command to Redis and returns its one-line answers. */
function redis(commands: string[]): Promise<string[]> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(stack().security.redis!.port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(5000, () => socket.destroy(new Error(`Redis did not answer: ${answer}`)));
		socket.once('error', reject);
		socket.once('connect', () => socket.write(commands.map((c) => `${c}\r\n`).join('')));
		socket.on('data', (chunk) => {
			answer += chunk;
			const lines = answer.split('\r\n');
			if (lines.length > commands.length) {
				socket.destroy();
				resolve(lines.slice(0, commands.length));
			}
		});
	});
}

describe('the stack npm start -- --queue runs is safe on a shared machine', () => {
	stackSecurityCases({
		files: [
			'mallcoo-secrets.json',
			'main',
			'main/.n8n/config',
			'main/n8n.log',
			'worker-1',
			'worker-1/n8n.log',
			'postgres',
			'postgres.log',
			'redis',
			'redis/redis.conf',
			'redis.log',
		],
	});

	it('PostgreSQL refuses a connection without the password or with a wrong one', () => {
		const none = psql();
		expect(none.status).not.toBe(0);
		expect(none.stderr).toMatch(/no password supplied|password authentication failed/);
		const wrong = psql('not-the-password');
		expect(wrong.status).not.toBe(0);
		expect(wrong.stderr).toMatch(/password authentication failed/);
		const right = psql(stored().postgresPassword);
		expect(right.stderr).toBe('');
		expect(right.stdout.trim()).toBe('1');
		const hba = fs.readFileSync(
			path.join(stack().security.folder, 'postgres', 'pg_hba.conf'),
			'utf8',
		);
		expect(hba.split('\n').filter((line) => /^\s*(host|local)/.test(line))).toEqual([
			'host    all       all   127.0.0.1/32  scram-sha-256',
		]);
	});

	it('Redis refuses every command before AUTH with its password', async () => {
		expect(await redis(['PING'])).toEqual([expect.stringMatching(/^-NOAUTH/)]);
		expect(await redis(['AUTH not-the-password', 'PING'])).toEqual([
			expect.stringMatching(/^-WRONGPASS/),
			expect.stringMatching(/^-NOAUTH/),
		]);
		expect(await redis([`AUTH ${stored().redisPassword}`, 'PING'])).toEqual(['+OK', '+PONG']);
	});
});
