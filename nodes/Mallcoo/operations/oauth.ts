import { textField } from './fields';
import type { MallcooOperation, PublicCredentials } from './types';

/** Where each sign-in flow starts (access guide, "OAuth调用方法"). */
const H5_FLOWS: Record<string, string> = {
	h5BaseInfo: '/a/open/User/V2/OAuth/BaseInfo/',
	h5CardInfo: '/a/open/User/V2/OAuth/CardInfo/',
	miniProgramH5: '/a/open/User/V1/OAuth/LiteAppBaseInfo/',
};

/** The page inside the Mallcoo mini program that a WeChat mini program navigates to. */
const MINI_PROGRAM_PAGE = '/pages/oauth/oauth';

/** A query string with every value URL-encoded (encodeURIComponent: spaces as %20, not +). */
const queryString = (values: Record<string, string>) =>
	Object.entries(values)
		.map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
		.join('&');

/** The sign-in page address for an H5 flow; the callback is URL-encoded as the guide requires. */
export function authorizationUrl(
	flow: string,
	credentials: PublicCredentials,
	callbackUrl: string,
): string {
	const query = queryString({
		AppID: credentials.appId,
		PublicKey: credentials.publicKey,
		CallbackUrl: callbackUrl,
	});
	return `${credentials.authBaseUrl.replace(/\/+$/, '')}${H5_FLOWS[flow]}?${query}`;
}

export const oauthOperations: MallcooOperation[] = [
	{
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
				options: [
					{
						name: 'H5 Sign-In',
						value: 'h5BaseInfo',
						description: 'Register or sign in (统一授权登录: 注册/登录)',
					},
					{
						name: 'H5 Sign-In With Card Opening',
						value: 'h5CardInfo',
						description: 'Register, sign in and open a member card (注册/登录/开通会员卡)',
					},
					{
						name: 'Mini-Program-Embedded H5 Sign-In',
						value: 'miniProgramH5',
						description: 'An H5 page inside a WeChat mini program (小程序嵌H5)',
					},
					{
						name: 'Mini Program',
						value: 'miniProgram',
						description: 'The path a WeChat mini program navigates to (小程序)',
					},
				],
			},
			textField(
				'callbackUrl',
				'Callback URL',
				'Where Mallcoo sends the shopper back with a Ticket, e.g. the production URL of a Mallcoo OAuth Trigger',
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
			const flow = String(parameters.raw('flow'));
			if (flow === 'miniProgram') {
				const query = queryString({
					OAppID: credentials.appId,
					OPublicKey: credentials.publicKey,
					OIsMember: parameters.raw('isMember') ? '1' : '0',
				});
				return { flow, url: `${MINI_PROGRAM_PAGE}?${query}` };
			}
			if (!H5_FLOWS[flow])
				parameters.fail(
					'flow',
					`must be one of ${[...Object.keys(H5_FLOWS), 'miniProgram'].join(', ')}`,
				);
			const callbackUrl = parameters.text('callbackUrl');
			if (!/^https?:\/\/[^\s/]+/i.test(callbackUrl)) {
				parameters.fail('callbackUrl', `must be an http(s) address, but is "${callbackUrl}"`);
			}
			return { flow, url: authorizationUrl(flow, credentials, callbackUrl), callbackUrl };
		},
	},
	{
		resource: 'oauth',
		operation: 'exchangeTicket',
		name: 'Exchange Ticket',
		action: 'Exchange a sign-in ticket for a user token',
		description:
			"Trade the Ticket from a sign-in callback (valid 5 minutes) for the user's token and basic information",
		kind: 'read',
		safeToRepeat: true,
		properties: [
			textField(
				'ticket',
				'Ticket',
				'The Ticket query parameter Mallcoo added to your callback address',
				{
					apiName: 'Ticket',
					chinese: 'Ticket',
				},
			),
		],
		buildRequest(parameters) {
			return {
				path: '/User/OAuth/v1/GetToken/ByTicket/',
				body: { Ticket: parameters.text('ticket') },
			};
		},
	},
];
