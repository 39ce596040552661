import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { authorizationUrl } from '../helpers/signInFlows';
import type { PublicCredentials } from '../helpers/types';
import { sendableUrl } from '../helpers/values/address';
import { errorPage, sendPage, sendRedirect } from './pages';
import { issueState, stateCookie, stateKey, type CookieScope } from './signInState';
import { STATE_PARAMETER, startFlowOf, type SignInAddresses } from './signIn';

/** One trigger node in one workflow: what its states and its caps belong to. */
export const triggerIdOf = (context: IWebhookFunctions): string =>
	`${context.getWorkflow().id ?? ''}|${context.getNode().id}`;

/** The URL this request came through: the Test URL while listening, else the Production URL. */
export const servedUrlOf = (context: IWebhookFunctions): string =>
	context.getWebhookResourceUrl?.('default') ?? context.getNodeWebhookUrl('default') ?? '';

/**
 * The state cookie goes back only to the URL that set it (test and production apart), and only
 * over https when n8n's public address is https.
 */
export function cookieScopeOf(context: IWebhookFunctions): CookieScope {
	try {
		const url = new URL(servedUrlOf(context));
		return { path: url.pathname, secure: url.protocol === 'https:' };
	} catch {
		return { path: '/', secure: false };
	}
}

/**
 * A start address: sets a fresh one-time state in a cookie and sends the browser to Mallcoo's
 * sign-in page for the flow it names, with a callback to this same URL carrying the state.
 */
export function startSignIn(
	context: IWebhookFunctions,
	credentials: PublicCredentials,
	privateKey: string,
	groups: () => SignInAddresses[],
): IWebhookResponseData {
	const response = context.getResponseObject();
	const flow = startFlowOf(context.getQueryData() as Record<string, unknown>);
	if (!flow) {
		sendPage(
			response,
			400,
			errorPage(
				'登录未完成 (Sign-in not completed)',
				'没有这种登录方式。 (This address names no sign-in flow: use one of the addresses below.)',
				groups(),
			),
		);
		return { noWebhookResponse: true };
	}
	const { state, nonce } = issueState(stateKey(privateKey, triggerIdOf(context)), Date.now());
	const callbackUrl = `${servedUrlOf(context)}?${STATE_PARAMETER}=${state}`;
	let signInPage: string;
	try {
		// The credential's Authorization Pages Base URL goes into a header: checked as sent.
		signInPage = sendableUrl(authorizationUrl(flow, credentials, callbackUrl), (problem) => {
			throw new Error(problem);
		});
	} catch {
		sendPage(
			response,
			500,
			errorPage(
				'登录暂不可用 (Sign-in unavailable)',
				"This sign-in page is not set up correctly: the credential's Authorization Pages Base URL is not a valid address.",
			),
		);
		return { noWebhookResponse: true };
	}
	sendRedirect(
		response,
		signInPage,
		{ 'Set-Cookie': stateCookie(nonce, cookieScopeOf(context)) },
		'前往猫酷登录 (On to Mallcoo sign-in)',
	);
	return { noWebhookResponse: true };
}
