import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { testMallcooCredential } from './transport/credentialTest';
import { handleCallback } from './trigger/callback';
import { triggerPanel, triggerProperties } from './trigger/description';

export class MallcooTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Mallcoo Trigger',
		name: 'mallcooTrigger',
		icon: { light: 'file:../../icons/mallcoo.svg', dark: 'file:../../icons/mallcoo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ {redirect: "Redirect after sign-in", page: "Show page after sign-in", responseNode: "Workflow answers"}[$parameter["responseMode"]] }}',
		description:
			'Starts the workflow when a shopper signs in through Mallcoo: this workflow is the OAuth callback',
		eventTriggerDescription: 'Waiting for a shopper to sign in through the Test URL',
		activationMessage:
			'Shoppers who sign in through the production sign-in addresses now start this workflow.',
		defaults: { name: 'Mallcoo Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'mallcooApi', required: true, testedBy: 'mallcooApiTest' }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'GET',
				path: 'callback',
				responseMode:
					'={{$parameter["responseMode"] === "responseNode" ? "responseNode" : "onReceived"}}',
			},
		],
		// A UserToken acts as the shopper for 30 days. n8n 2.41 does not act on this field (and
		// 1.x lacks it), so the token is kept out of the output itself unless Include User Token
		// is on (trigger/callback.ts); this only asks n8n versions that honour it to hide it.
		sensitiveOutputFields: ['UserToken'],
		triggerPanel,
		properties: triggerProperties,
	};

	methods = { credentialTest: { mallcooApiTest: testMallcooCredential } };

	/**
	 * Mallcoo has no webhook registration: the callback address travels inside each sign-in
	 * address, so there is nothing to create on the platform nor to remove from it.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return handleCallback(this);
	}
}
