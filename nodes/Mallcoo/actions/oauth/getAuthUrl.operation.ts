import type { INodePropertyOptions } from 'n8n-workflow';

import { textField } from '../../descriptions/common';
import {
	authorizationUrl,
	H5_SIGN_IN_FLOWS,
	MINI_PROGRAM_PAGE,
	queryString,
} from '../../helpers/signInFlows';
import type { LocalOperation } from '../../helpers/types';

/** The H5 flows, then the mini program's own, which needs no callback. */
const FLOW_OPTIONS: INodePropertyOptions[] = [
	...H5_SIGN_IN_FLOWS.map(({ flow, name, description }) => ({ name, value: flow, description })),
	{
		name: 'Mini Program',
		value: 'miniProgram',
		description: 'The path a WeChat mini program navigates to (小程序)',
	},
];

export const getAuthUrl: LocalOperation = {
	resource: 'oauth',
	operation: 'getAuthUrl',
	name: 'Get Authorization URL',
	action: 'Build a sign-in address',
	description:
		'Build the address that sends a shopper to Mallcoo sign-in and back to your callback. Sends no request.',
	kind: 'local',
	properties: [
		{
			displayName: 'Flow',
			name: 'flow',
			type: 'options',
			default: 'h5BaseInfo',
			options: FLOW_OPTIONS,
		},
		textField(
			'callbackUrl',
			'Callback URL',
			'Where Mallcoo sends the shopper back with a Ticket, e.g. the production URL of a Mallcoo Trigger',
			{ apiName: 'CallbackUrl', chinese: '回调地址' },
			{
				placeholder: 'https://n8n.example.com/webhook/mallcoo-sign-in',
				displayOptions: { hide: { flow: ['miniProgram'] } },
			},
		),
		{
			displayName: 'Is Member',
			name: 'isMember',
			type: 'boolean',
			default: true,
			description: 'Whether the shopper must be a member (OIsMember)',
			displayOptions: { show: { flow: ['miniProgram'] } },
		},
	],
	run(parameters, credentials) {
		const flow = parameters.choice<string>('flow');
		if (flow === 'miniProgram') {
			const query = queryString({
				OAppID: credentials.appId,
				OPublicKey: credentials.publicKey,
				OIsMember: parameters.boolean('isMember') ? '1' : '0',
			});
			return { flow, url: `${MINI_PROGRAM_PAGE}?${query}` };
		}
		const callbackUrl = parameters.url('callbackUrl');
		return { flow, url: authorizationUrl(flow, credentials, callbackUrl), callbackUrl };
	},
};
