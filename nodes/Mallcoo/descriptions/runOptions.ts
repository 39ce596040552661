import type { INodeProperties } from 'n8n-workflow';

import { INCLUDE_USER_TOKEN_DESCRIPTION } from '../helpers/userToken';

/** The Options collection of every operation that calls Mallcoo: how requests are sent. */
export const runOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: { hide: { operation: ['getAuthUrl'] } },
	options: [
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			// Only Coupon Send: the one operation whose endpoint takes many members per request.
			displayOptions: { show: { '/resource': ['coupon'], '/operation': ['send'] } },
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 50,
			description:
				'Members per request (UserList entries). Each member still gets its own output item.',
		},
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 5,
			description:
				'How many requests may be in flight at once. Output order always follows the input.',
		},
		{
			displayName: 'Include User Token',
			name: 'includeUserToken',
			type: 'boolean',
			// Only the ticket exchange: the one answer that hands out a shopper's token.
			displayOptions: { show: { '/resource': ['oauth'], '/operation': ['exchangeTicket'] } },
			default: false,
			description: INCLUDE_USER_TOKEN_DESCRIPTION,
		},
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 3,
			description:
				'Attempts per item, the first included, after a network error, time-out, HTTP 429 or 5xx. A request Mallcoo surely never got (connection refused, HTTP 429) is always sent again. After a lost answer: reads, tags, member updates, CRM notices, analytics imports (Mallcoo keeps one record per unique ID), POS order syncs and Other Endpoint calls marked Safe to Repeat are sent again; points and purchase reports are sent again with the same transaction ID, which Mallcoo applies only once; card openings and mobile changes are sent again only when a member lookup shows no change; parking entries, coupon sends, POS order creations and other Other Endpoint calls are not sent again.',
		},
		{
			displayName: 'Max Requests Per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'A ceiling on requests to Mallcoo, retries and checks included, shared by every run in this n8n process that uses the same credential (the latest run sets it; each queue-mode worker has its own). After an HTTP 429 it halves for a while. 0 means no ceiling.',
		},
		{
			displayName: 'Retry Delay (Ms)',
			name: 'retryDelay',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 500,
			description:
				'The wait before the first retry; each further retry doubles it, with random jitter',
		},
		{
			displayName: 'Split Into Items',
			name: 'splitIntoItems',
			type: 'boolean',
			// Only the Other Endpoint call: the other operations know their answer's shape.
			displayOptions: { show: { '/resource': ['custom'] } },
			default: false,
			description:
				"Whether to output one item per entry when the answer's Data is a list, or an object holding exactly one list",
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30000,
			description: 'How long to wait for an answer to one request',
		},
	],
};
