/**
 * The stack `npm start` runs, on a shared machine: the example webhooks want the secret, the
 * secrets are random and private, the files are private, and every server is on 127.0.0.1.
 */
import { describe } from 'vitest';

import { stackSecurityCases } from './stack-security';

describe('the stack npm start runs is safe on a shared machine', () => {
	stackSecurityCases({
		files: [
			'.n8n',
			'.n8n/database.sqlite',
			'.n8n/config',
			'n8n.log',
			'sandbox.log',
			'mallcoo-secrets.json',
		],
	});
});
