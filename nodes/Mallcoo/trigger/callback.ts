import type {
	IDataObject,
	IWebhookFunctions,
	IWebhookResponseData,
	NodeApiError,
} from 'n8n-workflow';

import { exchangeTicket } from '../actions/oauth/exchangeTicket.operation';
import { ItemParameters } from '../helpers/values/itemParameters';
import { publicCredentialsOf, type MallcooRequest, type PublicCredentials } from '../helpers/types';
import { callMallcoo } from '../transport/call';
import { dataObject } from '../transport/envelope';
import { CREDENTIAL_TYPE, transportSettings, type SettingsOptions } from '../transport/settings';
import { DEFAULT_PAGE_MESSAGE, triggerProperties, type ResponseMode } from './description';
import { errorPage, sendPage, sendRedirect, signedInPage } from './pages';
import { readCallback, signInAddresses, signedInItem, type SignInAddresses } from './signIn';

/**
 * A shopper waits on the page: a shorter time-out, one retry, and no ceiling of its own (a 429
 * met by the node's runs still pauses the exchange, as they share the credential's budget).
 */
const exchangeOptions = (options: IDataObject): SettingsOptions => ({
	timeout: Number(options.timeout) > 0 ? Number(options.timeout) : 10_000,
	maxAttempts: 2,
	retryDelay: 250,
	maxRequestsPerSecond: 0,
});

/** The node answered the browser itself and starts no workflow. */
const answered: IWebhookResponseData = { noWebhookResponse: true };

/** The Exchange Ticket operation builds the request, so its path and body live in one place. */
function exchangeRequest(context: IWebhookFunctions, ticket: string): MallcooRequest {
	const parameters = { getNode: () => context.getNode(), getNodeParameter: () => ticket };
	return exchangeTicket.buildRequest(new ItemParameters(parameters, 0, exchangeTicket.properties));
}

/** Sign-in addresses for the callback this request came through and, when testing, production's too. */
function signInGroups(
	context: IWebhookFunctions,
	credentials: PublicCredentials,
): SignInAddresses[] {
	const production = context.getNodeWebhookUrl('default');
	const served = context.getWebhookResourceUrl?.('default') ?? production;
	const groups: SignInAddresses[] = [];
	if (served && served !== production)
		groups.push(signInAddresses(credentials, 'Test URL (this address)', served));
	if (production) groups.push(signInAddresses(credentials, 'Production URL', production));
	return groups;
}

/** The After Sign-In URL, checked before the single-use ticket is spent. */
function afterSignInUrl(
	context: IWebhookFunctions,
	mode: ResponseMode,
): { ok: boolean; url?: string } {
	if (mode === 'responseNode') return { ok: true };
	// Read as the node reads every address (helpers/values/address.ts): absolute http(s), a real host.
	const source = {
		getNode: () => context.getNode(),
		getNodeParameter: (name: string, _item: number, fallback?: unknown) =>
			context.getNodeParameter(name, fallback),
	};
	try {
		const url = new ItemParameters(source, 0, triggerProperties).optionalUrl('afterSignInUrl');
		return url ? { ok: true, url } : { ok: mode === 'page' };
	} catch {
		return { ok: false };
	}
}

/**
 * Handles the browser Mallcoo sends back: exchanges the Ticket for the shopper's identity and
 * starts the workflow with it, answering the browser as the node is set to. Failures get a page
 * and start nothing: 400 no or malformed ticket, 403 ticket refused by Mallcoo, 502 Mallcoo
 * unreachable or unreadable, 500 the node is misconfigured.
 */
export async function handleCallback(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const response = context.getResponseObject();
	const mode = context.getNodeParameter('responseMode', 'redirect') as ResponseMode;
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const publicCredentials = publicCredentialsOf(credentials);

	const after = afterSignInUrl(context, mode);
	if (!after.ok) {
		context.logger.error('Mallcoo Trigger: the After Sign-In URL is not an http(s) address', {
			node: context.getNode().name,
		});
		sendPage(
			response,
			500,
			errorPage(
				'登录暂不可用 (Sign-in unavailable)',
				'This sign-in page is not set up correctly: its After Sign-In URL is not a valid http(s) address.',
			),
		);
		return answered;
	}

	const callback = readCallback(context.getQueryData() as Record<string, unknown>);
	if (!callback.ticket) {
		const message = callback.malformed
			? '登录凭证格式无效 (The sign-in ticket in this address is not valid.)'
			: '缺少登录凭证 (This address has no sign-in ticket: open it through a Mallcoo sign-in address.)';
		sendPage(
			response,
			400,
			errorPage(
				'登录未完成 (Sign-in not completed)',
				message,
				signInGroups(context, publicCredentials),
			),
		);
		return answered;
	}

	const settings = transportSettings(context, credentials, exchangeOptions(options));
	let data: IDataObject | undefined;
	try {
		const result = await callMallcoo(
			context,
			exchangeTicket,
			exchangeRequest(context, callback.ticket),
			settings,
			0,
		);
		data = dataObject(result.data);
	} catch (error) {
		const { message, context: details } = error as NodeApiError;
		const refused = details?.mallcooCode !== undefined;
		context.logger.warn(`Mallcoo Trigger: ${message}`, { node: context.getNode().name });
		const text = refused
			? `Mallcoo: ${String(details.mallcooMessage ?? 'the ticket was refused')} (Code ${String(details.mallcooCode)})`
			: '猫酷暂时无法响应,请稍后重试。 (Mallcoo did not answer. Please try again.)';
		sendPage(
			response,
			refused ? 403 : 502,
			errorPage('登录失败 (Sign-in failed)', text, signInGroups(context, publicCredentials)),
		);
		return answered;
	}

	const item = signedInItem(data, callback, Date.now());
	const workflowData = [[{ json: item }]];
	if (mode === 'responseNode') return { workflowData };
	if (mode === 'redirect') {
		sendRedirect(response, after.url as string);
	} else {
		const message = String(options.pageMessage ?? DEFAULT_PAGE_MESSAGE);
		sendPage(
			response,
			200,
			signedInPage({ nickname: item.NickName, message, continueUrl: after.url }),
		);
	}
	return { noWebhookResponse: true, workflowData };
}
