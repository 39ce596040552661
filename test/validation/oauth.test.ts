/**
 * Hostile and legitimate values for every parameter of the oauth operations, through n8n's engine
 * against the sandbox (see table.ts for what each table checks). getAuthUrl sends nothing: its
 * tables check the output, and that the sandbox received no request at all.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED_MEMBERS } from '../../sandbox/server';
import { useSandbox } from '../helpers/sandbox';
import { bodyKey, identifierTable } from './kinds';
import { describeTables, rule, special, VALUE, type Refused } from './table';
import { BOOLEAN_REFUSED, EMPTY_REQUIRED } from './values';

const fixture = useSandbox();
const [ada, bea] = SEED_MEMBERS;

const authUrl = (overrides: Record<string, unknown>) => ({
	resource: 'oauth',
	operation: 'getAuthUrl',
	flow: 'h5BaseInfo',
	callbackUrl: 'https://n8n.example.com/webhook/mallcoo-sign-in',
	isMember: true,
	...overrides,
});
const queryOf = (json: IDataObject) =>
	new URL(String(json.url), 'https://mini.program').searchParams;

const URL_RULE = 'must be an absolute http:// or https:// address like https://example.com/path';
const CALLBACK_REFUSED: Refused[] = [
	...EMPTY_REQUIRED,
	[
		'a NUL character in the host',
		'https://exa\u0000mple.com/cb',
		rule('must not contain control characters, but contains a NUL character'),
	],
	[
		'a line break in the host (a browser would drop it)',
		'https://exa\nmple.com/cb',
		rule('must not contain control characters, but contains a line break'),
	],
	[
		'a tab in the host',
		'https://exa\tmple.com/cb',
		rule('must not contain control characters, but contains a tab'),
	],
	[
		'a carriage return in the path',
		'https://example.com/c\rb',
		rule('must not contain control characters, but contains a carriage return'),
	],
	[
		'a C1 control',
		'https://example.com\u0085/cb',
		rule('must not contain control characters, but contains the control character U+0085'),
	],
	[
		'javascript:',
		'javascript:alert(document.cookie)',
		rule(`${URL_RULE}, but is "javascript:alert(document.cookie)"`),
	],
	[
		'data:',
		'data:text/html,<script>alert(1)</script>',
		rule(`${URL_RULE}, but is "data:text/html,<script>alert(1)</script>"`),
	],
	['a relative path', '/webhook/cb', rule(`${URL_RULE}, but is "/webhook/cb"`)],
	['protocol-relative', '//evil.example/cb', rule(`${URL_RULE}, but is "//evil.example/cb"`)],
	['no scheme', 'n8n.example.com/cb', rule(`${URL_RULE}, but is "n8n.example.com/cb"`)],
	['ftp', 'ftp://example.com/cb', rule(`${URL_RULE}, but is "ftp://example.com/cb"`)],
	[
		'a scheme without slashes',
		'https:example.com/cb',
		rule(`${URL_RULE}, but is "https:example.com/cb"`),
	],
	['no host', 'https:///cb', rule('must have a host after https://, but is "https:///cb"')],
	['only the scheme', 'https://', rule('must have a host after https://, but is "https://"')],
	[
		'a user and password',
		'https://user:pw@example.com/cb',
		rule('must not contain a user name or password before the host'),
	],
	[
		'a backslash in the host',
		'https://good.example\\evil.example/cb',
		rule('must have a valid host name, but has "good.example\\\\evil.example"'),
	],
	[
		'a space in the host',
		'https://exa mple.com/cb',
		rule('must have a valid host name, but has "exa mple.com"'),
	],
	[
		'a label starting with a hyphen',
		'https://-bad.example/cb',
		rule('must have a valid host name, but has "-bad.example"'),
	],
	[
		'an impossible port',
		'https://example.com:99999/cb',
		rule(`${URL_RULE}, but is "https://example.com:99999/cb"`),
	],
	[
		'too long',
		`https://example.com/${'a'.repeat(3000)}`,
		rule('must be at most 2000 characters long'),
	],
	['the boolean false', false, rule(`${URL_RULE}, not the yes/no value false`)],
	[
		'a list',
		['https://example.com/cb'],
		rule(`${URL_RULE}, not a list ["https://example.com/cb"]`),
	],
	[
		'an object',
		{ url: 'https://example.com/cb' },
		rule(`${URL_RULE}, not an object {"url":"https://example.com/cb"}`),
	],
	['a number', 42, rule(`${URL_RULE}, not the number 42`)],
];

const FLOWS =
	'h5BaseInfo (H5 Sign-In), h5CardInfo (H5 Sign-In With Card Opening), miniProgramH5 (Mini-Program-Embedded H5 Sign-In), miniProgram (Mini Program)';

describeTables('oauth/getAuthUrl', fixture, {
	callbackUrl: {
		label: 'Callback URL',
		parameters: authUrl({ callbackUrl: VALUE }),
		sent: () => undefined,
		// The callback as the address carries it, decoded: the same text the output names.
		output: (json) =>
			queryOf(json).get('CallbackUrl') === json.callbackUrl
				? json.callbackUrl
				: queryOf(json).get('CallbackUrl'),
		accepted: [
			[
				'an https address',
				'https://n8n.example.com/webhook/mallcoo-sign-in',
				'https://n8n.example.com/webhook/mallcoo-sign-in',
			],
			[
				'http, an IP and a port',
				'http://127.0.0.1:5678/webhook/x',
				'http://127.0.0.1:5678/webhook/x',
			],
			[
				'a query with a space and &',
				'https://n8n.example.com/cb?campaign=spring sale&x=1',
				'https://n8n.example.com/cb?campaign=spring sale&x=1',
			],
			['IPv6', 'https://[::1]:8080/cb', 'https://[::1]:8080/cb'],
			['an international domain', 'https://例え.jp/コールバック', 'https://例え.jp/コールバック'],
			['upper case', 'HTTPS://N8N.EXAMPLE.COM/Cb', 'HTTPS://N8N.EXAMPLE.COM/Cb'],
			[
				'surrounding spaces (trimmed)',
				'  https://n8n.example.com/cb  ',
				'https://n8n.example.com/cb',
			],
			['a fragment', 'https://n8n.example.com/cb#done', 'https://n8n.example.com/cb#done'],
		],
		refused: CALLBACK_REFUSED,
	},
	flow: {
		label: 'Flow',
		parameters: authUrl({ flow: VALUE }),
		sent: () => undefined,
		output: (json) => json.flow,
		accepted: [
			['h5BaseInfo', 'h5BaseInfo', 'h5BaseInfo'],
			['h5CardInfo', 'h5CardInfo', 'h5CardInfo'],
			['miniProgramH5 with spaces around', ' miniProgramH5 ', 'miniProgramH5'],
			['miniProgram', 'miniProgram', 'miniProgram'],
		],
		refused: [
			['an unknown flow', 'evil', rule(`must be one of ${FLOWS}, but is "evil"`)],
			['another case', 'H5BASEINFO', rule(`must be one of ${FLOWS}, but is "H5BASEINFO"`)],
			['a list', ['h5BaseInfo'], rule(`must be one of ${FLOWS}, not a list ["h5BaseInfo"]`)],
			[
				'an object',
				{ flow: 'h5BaseInfo' },
				rule(`must be one of ${FLOWS}, not an object {"flow":"h5BaseInfo"}`),
			],
			['the boolean true', true, rule(`must be one of ${FLOWS}, not the yes/no value true`)],
			['a number', 1, rule(`must be one of ${FLOWS}, but is the number 1`)],
			['NaN', special('NaN'), rule(`must be one of ${FLOWS}, but is the number NaN`)],
			['empty', '', rule(`is required: choose one of ${FLOWS}`)],
			['null', null, rule(`is required: choose one of ${FLOWS}`)],
		],
	},
	isMember: {
		label: 'Is Member',
		parameters: authUrl({ flow: 'miniProgram', isMember: VALUE }),
		sent: () => undefined,
		output: (json) => queryOf(json).get('OIsMember'),
		accepted: [
			['true', true, '1'],
			['false', false, '0'],
			['"true" text', 'true', '1'],
			['"FALSE" text', 'FALSE', '0'],
			['1', 1, '1'],
			['"0" text', '0', '0'],
		],
		refused: [
			...BOOLEAN_REFUSED,
			['empty', '', rule('is required: must be true or false (or 1 or 0)')],
			['null', null, rule('is required: must be true or false (or 1 or 0)')],
		],
	},
});

describeTables('oauth/exchangeTicket', fixture, {
	// Tickets are issued by the seeded sandbox, so this table is built inside its test.
	ticket: () =>
		identifierTable(
			'Ticket',
			{ resource: 'oauth', operation: 'exchangeTicket', ticket: VALUE },
			bodyKey('Ticket'),
			fixture.sandbox.issueTicket({ Mobile: ada.Mobile }),
			fixture.sandbox.issueTicket({ Mobile: bea.Mobile }),
		),
});
