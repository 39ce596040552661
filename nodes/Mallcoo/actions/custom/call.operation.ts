import type { IDataObject } from 'n8n-workflow';

import type { ApiOperation } from '../../helpers/types';

/** One output item from a `Data` that is not an object: a list, text, a number, or null. */
const wrapped = (value: unknown): IDataObject =>
	value && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: { Data: value as IDataObject[] };

/**
 * Data split into one item per entry, when it is a list or an object with exactly one list;
 * otherwise undefined.
 */
function entriesOf(data: unknown): IDataObject[] | undefined {
	if (Array.isArray(data)) return data.map(wrapped);
	if (!data || typeof data !== 'object') return undefined;
	const lists = Object.values(data).filter(Array.isArray);
	return lists.length === 1 ? (lists[0] as unknown[]).map(wrapped) : undefined;
}

/**
 * Any Mallcoo endpoint, through the node's own engine: signed by the credential, retried,
 * rate-limited, `Code` other than 1 an error, `Data` out.
 *
 * Not called "Custom API Call": n8n may add an entry of that name to a node whose credential can
 * sign other nodes' requests, and choosing it only points to the HTTP Request node, which neither
 * reads `Code` nor paces or retries like this node. So that no two entries look alike and do
 * different things, this is the resource "Other Endpoint", operation "Call"
 * (e2e/workflows.test.ts checks the lists in a real n8n).
 */
export const call: ApiOperation = {
	resource: 'custom',
	operation: 'call',
	name: 'Call',
	action: 'Call any Mallcoo endpoint',
	description:
		'POST a JSON body to any Mallcoo endpoint under the API Base URL, signed, paced and retried like the other operations',
	// Whether it changes anything depends on the endpoint: by default it is never resent after
	// an unclear outcome ("Safe to Repeat" says otherwise).
	kind: 'write',
	repeat: 'never',
	properties: [
		{
			displayName: 'Path',
			name: 'path',
			type: 'string',
			default: '',
			required: true,
			placeholder: '/Gift/V1/GetCategoryList/',
			description:
				"The endpoint's path under the credential's API Base URL, as the Mallcoo documents show it after the host. Other hosts, // and .. are refused.",
		},
		{
			displayName: 'Body',
			name: 'body',
			type: 'json',
			default: '{}',
			description:
				'The JSON object to send, keys spelled as the Mallcoo documents spell them. It is signed as sent.',
		},
		{
			displayName: 'Safe to Repeat',
			name: 'safeToRepeat',
			type: 'boolean',
			default: false,
			description:
				'Whether sending this request twice leaves Mallcoo as sending it once (a read, or a write with a transaction ID). If on, an attempt whose outcome is unclear (time-out, broken connection, HTTP 5xx) is retried; if off, only a request that surely never reached Mallcoo is.',
		},
	],
	buildRequest(parameters) {
		return {
			path: parameters.apiPath('path'),
			body: parameters.jsonObject('body'),
			repeat: parameters.boolean('safeToRepeat') ? 'resend' : 'never',
		};
	},
	outputItems(data, options) {
		if (data === undefined) return [{ success: true }];
		return (options.splitIntoItems === true && entriesOf(data)) || [wrapped(data)];
	},
};
