import type { INodeProperties } from 'n8n-workflow';

import { INCLUDE_USER_TOKEN_DESCRIPTION, INCLUDE_USER_TOKEN_NOTICE } from '../helpers/userToken';
import {
	DEFAULT_MAX_EXCHANGES_PER_CLIENT_PER_MINUTE,
	DEFAULT_MAX_EXCHANGES_PER_MINUTE,
} from './exchangeLimits';

export type ResponseMode = 'redirect' | 'page' | 'responseNode';

/** What the "signed in" page tells the shopper when no Page Message is set: for shoppers, in Chinese too. */
export const DEFAULT_PAGE_MESSAGE =
	'您已登录,可以关闭此页面。 (You are signed in. You can close this page.)';

/** Shown at the top of the panel, under the Webhook URLs (the test and production callbacks). */
const SIGN_IN_NOTICE =
	'Open the Test or Production URL above in a browser to get the sign-in links to share with shoppers.';

const NO_STATE_NOTICE =
	"Sign-in state is off: any link with a Mallcoo Ticket starts this workflow, so anyone can sign a shopper's browser in as themselves. Only for flows that cannot keep a cookie.";

const RESPONSE_NODE_NOTICE =
	'Answer with a Respond to Webhook node set to version 1. The example workflow "Mallcoo OAuth sign-in: greet the shopper with their points" has one to copy.';

const afterSignInUrl = (required: boolean, description: string): INodeProperties => ({
	displayName: 'After Sign-In URL',
	name: 'afterSignInUrl',
	type: 'string',
	// Fixed in the node: an address taken from the request would make this an open redirect.
	noDataExpression: true,
	required,
	default: '',
	placeholder: 'https://campaign.example.com/welcome',
	description,
	displayOptions: { show: { responseMode: [required ? 'redirect' : 'page'] } },
});

export const triggerProperties: INodeProperties[] = [
	{ displayName: SIGN_IN_NOTICE, name: 'signInNotice', type: 'notice', default: '' },
	{
		displayName: 'Respond',
		name: 'responseMode',
		type: 'options',
		noDataExpression: true,
		default: 'redirect',
		options: [
			{
				name: 'Redirect',
				value: 'redirect',
				description:
					'Send the shopper on to the After Sign-In URL at once; the workflow runs meanwhile',
			},
			{
				name: 'Show Page',
				value: 'page',
				description:
					'Show a short "signed in" page greeting the shopper; the workflow runs meanwhile',
			},
			{
				name: "Using 'Respond to Webhook' Node",
				value: 'responseNode',
				description: "The workflow answers, e.g. with a page showing the member's points",
			},
		],
	},
	afterSignInUrl(
		true,
		'Where to send the shopper after a successful sign-in. Requests cannot change it.',
	),
	afterSignInUrl(false, 'Optional: a "Continue" link on the page. Requests cannot change it.'),
	{
		displayName: RESPONSE_NODE_NOTICE,
		name: 'responseNodeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { responseMode: ['responseNode'] } },
	},
	{
		displayName: NO_STATE_NOTICE,
		name: 'noStateNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { 'options.requireSignInState': [false] } },
	},
	{
		displayName: INCLUDE_USER_TOKEN_NOTICE,
		name: 'userTokenNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { 'options.includeUserToken': [true] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include User Token',
				name: 'includeUserToken',
				type: 'boolean',
				default: false,
				description: INCLUDE_USER_TOKEN_DESCRIPTION,
			},
			{
				displayName: 'Max Sign-Ins Per Client Per Minute',
				name: 'maxExchangesPerClientPerMinute',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_EXCHANGES_PER_CLIENT_PER_MINUTE,
				description:
					'Tickets exchanged per minute for one client address; more get a "try again later" page and cost no Mallcoo request',
			},
			{
				displayName: 'Max Sign-Ins Per Minute',
				name: 'maxExchangesPerMinute',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_EXCHANGES_PER_MINUTE,
				description:
					'Tickets this trigger exchanges per minute in all; more get a "try again later" page and cost no Mallcoo request',
			},
			{
				displayName: 'Page Message',
				name: 'pageMessage',
				type: 'string',
				default: 'You are signed in. You can close this page.',
				description:
					'Text of the "signed in" page, under the greeting. Without this option the page says this in Chinese and English.',
				displayOptions: { show: { '/responseMode': ['page'] } },
			},
			{
				displayName: 'Require Sign-In State',
				name: 'requireSignInState',
				type: 'boolean',
				default: true,
				description:
					"Whether to exchange a ticket only for the browser that opened this trigger's sign-in address (a one-time state in a cookie). Turn off only for a flow that cannot keep a cookie.",
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1000 },
				default: 10000,
				description:
					'How long to wait for Mallcoo to exchange the ticket; the shopper waits as long',
			},
		],
	},
];

export const triggerPanel = {
	header: '',
	executionsHelp: {
		inactive:
			"<b>While building</b>, click 'listen', then open the Test URL in a browser: it lists the sign-in addresses for the test callback. Sign in through one of them; Mallcoo sends you back with a Ticket and the execution shows up in the editor.<br /><br /><b>In production</b>, publish the workflow and share the sign-in addresses of the Production URL.",
		active:
			"<b>While building</b>, click 'listen', then open the Test URL in a browser: it lists the sign-in addresses for the test callback.<br /><br />The workflow is published: shoppers signing in through the Production URL's addresses start it, and the executions show up in the <a data-key=\"executions\">executions list</a>.",
	},
	activationHint:
		'Once published, every shopper who signs in through the production sign-in addresses starts this workflow.',
};
