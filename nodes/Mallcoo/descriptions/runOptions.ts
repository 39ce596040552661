import type { INodeProperties } from 'n8n-workflow';

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
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 3,
			description:
				'Attempts per item, the first included, on network errors, time-outs, HTTP 429 and 5xx. Opening a card and changing a mobile are retried only when the request surely never reached Mallcoo.',
		},
		{
			displayName: 'Max Requests Per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'A ceiling on the request rate across this node run, retries included. 0 means no ceiling.',
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
