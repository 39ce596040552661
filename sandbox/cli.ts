/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * Runs the Mallcoo sandbox for people and for out-of-process tests:
 *   npx tsx sandbox/cli.ts [--port 3010] [--host 127.0.0.1] [--latency 0] [--members 0]
 *                          [--fault-rate 0.1] [--fault-kinds http500,dropAfterApply] [--fault-seed 42]
 *                          [--rate-limit 50] [--dialect alt]
 * Port also from MALLCOO_SANDBOX_PORT. Stops cleanly on SIGINT/SIGTERM.
 * Random faults and the rate limit last until a reset (POST /__sandbox/reset takes them again
 * in its body: {latencyMs, randomFaults: {rate, kinds, seed}, rateLimit}).
 */
import {
	DIALECTS,
	FAULTS,
	OAUTH_PAGES,
	SEED_MEMBERS,
	startSandbox,
	type Dialect,
	type Fault,
} from './server';

function option(name: string): string | undefined {
	const args = process.argv.slice(2);
	for (let i = 0; i < args.length; i++) {
		if (args[i] === `--${name}`) return args[i + 1];
		if (args[i].startsWith(`--${name}=`)) return args[i].slice(name.length + 3);
	}
	return undefined;
}

function numberOption(name: string, fallback: number): number {
	const text = option(name) ?? (name === 'port' ? process.env.MALLCOO_SANDBOX_PORT : undefined);
	if (text === undefined || text === '') return fallback;
	const value = Number(text);
	if (!Number.isInteger(value) || value < 0) {
		process.stderr.write(`--${name} must be a whole number, got "${text}"\n`);
		process.exit(2);
	}
	return value;
}

function fail(message: string): never {
	process.stderr.write(`${message}\n`);
	process.exit(2);
}

function faultRate(): number {
	const text = option('fault-rate');
	if (text === undefined || text === '') return 0;
	const rate = Number(text);
	if (!Number.isFinite(rate) || rate < 0 || rate > 1)
		fail(`--fault-rate must be a number from 0 to 1, got "${text}"`);
	return rate;
}

function faultKinds(): Fault[] | undefined {
	const text = option('fault-kinds');
	if (text === undefined || text === '') return undefined;
	const kinds = text.split(',').map((kind) => kind.trim());
	const bad = kinds.find((kind) => !(FAULTS as readonly string[]).includes(kind));
	if (bad !== undefined)
		fail(`--fault-kinds: unknown fault "${bad}"; expected ${FAULTS.join(', ')}`);
	return kinds as Fault[];
}

function dialect(): Dialect | undefined {
	const text = option('dialect');
	if (text === undefined || text === '') return undefined;
	if (!(DIALECTS as readonly string[]).includes(text))
		fail(`--dialect: unknown dialect "${text}"; expected ${DIALECTS.join(', ')}`);
	return text as Dialect;
}

async function main(): Promise<void> {
	const rate = faultRate();
	const seedText = option('fault-seed');
	const sandbox = await startSandbox({
		port: numberOption('port', 3010),
		host: option('host') ?? '127.0.0.1',
		latencyMs: numberOption('latency', 0),
		generatedMembers: numberOption('members', 0),
		randomFaults:
			rate > 0
				? {
						rate,
						kinds: faultKinds(),
						seed: seedText === undefined ? undefined : numberOption('fault-seed', 0),
					}
				: undefined,
		rateLimitPerSecond: numberOption('rate-limit', 0) || undefined,
		dialect: dialect(),
	});
	const { appId, publicKey, privateKey } = sandbox.credentials;
	// The production callback of examples/oauth-sign-in.json's trigger (webhook/<webhookId>/callback).
	const callback = encodeURIComponent(
		'http://127.0.0.1:5678/webhook/9e2c4b8a-51f3-4d6e-8a7b-0c1d2e3f4a5b/callback',
	);
	const lines = [
		`Mallcoo sandbox listening on ${sandbox.url}`,
		'',
		'n8n credential "Mallcoo API":',
		`  AppID           ${appId}`,
		`  Public Key      ${publicKey}`,
		`  Private Key     ${privateKey}`,
		`  API Base URL    ${sandbox.url}`,
		`  Auth Base URL   ${sandbox.url}`,
		'',
		`Members: ${sandbox.members.count} (${SEED_MEMBERS.length} seeded${sandbox.members.count > SEED_MEMBERS.length ? ', then 13900000001...' : ''})`,
		...SEED_MEMBERS.slice(0, 3).map(
			(m) =>
				`  ${m.Mobile}  ${m.UserName}  ${m.Card ? `${m.Card.MallCardName} ${m.Card.MallCardNo}` : 'no card'}  OpenUserID ${m.OpenUserID}`,
		),
		`  ${SEED_MEMBERS[SEED_MEMBERS.length - 1].Mobile}  ${SEED_MEMBERS[SEED_MEMBERS.length - 1].UserName}  (registered, no card)`,
		'',
		`Sign-in page:    ${sandbox.url}${OAUTH_PAGES[0]}?AppID=${appId}&PublicKey=${publicKey}&CallbackUrl=${callback}`,
		'                 (add &sandboxMobile=13800000002 to sign in as another member)',
		`Control API:     ${sandbox.url}/__sandbox/health | requests | reset | latency | faults | random-faults | rate-limit | rate | dialect | applied | misreport | consumption/match | mall | members | ticket`,
		...(sandbox.latencyMs ? [`Latency:         ${sandbox.latencyMs} ms per API answer`] : []),
		...(sandbox.randomFaults
			? [
					`Random faults:   ${sandbox.randomFaults.rate * 100}% of API requests, kinds ${sandbox.randomFaults.kinds.join(', ')}, seed ${sandbox.randomFaults.seed}`,
				]
			: []),
		...(sandbox.rateLimit
			? [`Rate limit:      ${sandbox.rateLimit} requests/s, then HTTP 429`]
			: []),
		`Dialect:         ${sandbox.dialect} (how refusals are worded; POST /__sandbox/dialect)`,
		'Ctrl+C to stop.',
	];
	process.stdout.write(`${lines.join('\n')}\n`);

	const stop = (signal: string) => {
		process.stdout.write(`\n${signal}: stopping the sandbox\n`);
		sandbox.close().then(() => process.exit(0));
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
	process.stderr.write(
		`Mallcoo sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
	);
	process.exit(1);
});
