import type {
	IDataObject,
	IWebhookFunctions,
	IWebhookResponseData,
	NodeApiError,
} from 'n8n-workflow';

import { exchangeTicket } from '../actions/oauth/exchangeTicket.operation';
import { withoutBearerValues } from '../helpers/userToken';
import { sendableUrl } from '../helpers/values/address';
import { ItemParameters } from '../helpers/values/itemParameters';
import { publicCredentialsOf, type MallcooRequest, type PublicCredentials } from '../helpers/types';
import { callMallcoo } from '../transport/call';
import { dataObject } from '../transport/envelope';
import { RequestBudget } from '../transport/schedule';
import { CREDENTIAL_TYPE, transportSettings, type SettingsOptions } from '../transport/settings';
import { DEFAULT_PAGE_MESSAGE, triggerProperties, type ResponseMode } from './description';
import {
	DEFAULT_MAX_EXCHANGES_PER_CLIENT_PER_MINUTE,
	DEFAULT_MAX_EXCHANGES_PER_MINUTE,
	takeExchange,
} from './exchangeLimits';
import { errorPage, sendPage, sendRedirect, signedInPage } from './pages';
import {
	checkState,
	clearedStateCookie,
	spend,
	stateCookieOf,
	stateKey,
	type StateCheck,
} from './signInState';
import {
	isStartRequest,
	readCallback,
	signInAddresses,
	signedInItem,
	startAddresses,
	type SignInAddresses,
} from './signIn';
import { cookieScopeOf, startSignIn, triggerIdOf } from './start';

/**
 * A shopper waits on the page: a shorter time-out and one retry. The exchange has a budget of
 * its own: callbacks come from anyone, so they must neither take turns from the workflows'
 * shared budget for this credential nor change its ceiling (the caps bound them instead).
 */
const exchangeOptions = (options: IDataObject): SettingsOptions => ({
	timeout: Number(options.timeout) > 0 ? Number(options.timeout) : 10_000,
	maxAttempts: 2,
	retryDelay: 250,
});

/** The node answered the browser itself and starts no workflow. */
const answered: IWebhookResponseData = { noWebhookResponse: true };

/** The Exchange Ticket operation builds the request, so its path and body live in one place. */
function exchangeRequest(context: IWebhookFunctions, ticket: string): MallcooRequest {
	const parameters = { getNode: () => context.getNode(), getNodeParameter: () => ticket };
	return exchangeTicket.buildRequest(new ItemParameters(parameters, 0, exchangeTicket.properties));
}

/**
 * What the trigger lists for the callback this request came through and, when testing,
 * production's too: its own start addresses, or Mallcoo's sign-in addresses when no state is
 * required.
 */
function signInGroups(
	context: IWebhookFunctions,
	credentials: PublicCredentials,
	requireState: boolean,
): SignInAddresses[] {
	const production = context.getNodeWebhookUrl('default');
	const served = context.getWebhookResourceUrl?.('default') ?? production;
	const group = (label: string, url: string) =>
		requireState ? startAddresses(label, url) : signInAddresses(credentials, label, url);
	const groups: SignInAddresses[] = [];
	if (served && served !== production) groups.push(group('Test URL (this address)', served));
	if (production) groups.push(group('Production URL', production));
	return groups;
}

/** The After Sign-In URL as it will be sent, checked before the single-use ticket is spent. */
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
		if (!url) return { ok: mode === 'page' };
		return {
			ok: true,
			url: sendableUrl(url, (problem) => {
				throw new Error(problem);
			}),
		};
	} catch {
		return { ok: false };
	}
}

const STATE_REFUSALS: Record<Exclude<StateCheck, { ok: true }>['reason'], string> = {
	missing:
		'此链接不是从本页的登录地址开始的。 (This sign-in did not start at one of the sign-in addresses below: start again there.)',
	invalid:
		'登录链接无效。 (This sign-in link is not valid: start again from one of the addresses below.)',
	expired:
		'登录链接已过期。 (This sign-in link has expired: start again from one of the addresses below.)',
	otherBrowser:
		'请在同一浏览器中完成登录。 (This sign-in was started in another browser, or this browser blocks cookies: start again below, in this browser.)',
	used: '此登录链接已使用。 (This sign-in link was already used: start again from one of the addresses below.)',
};

const TRY_LATER =
	'登录人数过多,请稍后重试。 (Too many sign-ins right now. Please try again in a minute.)';

/** The client's address as n8n's express app sees it (its proxy settings included). */
function clientAddress(context: IWebhookFunctions): string {
	const request = context.getRequestObject() as {
		ip?: string;
		socket?: { remoteAddress?: string };
	};
	return request.ip ?? request.socket?.remoteAddress ?? 'unknown';
}

const positive = (value: unknown, fallback: number) =>
	Number(value) >= 1 ? Math.floor(Number(value)) : fallback;

/**
 * Handles every GET of the trigger's URL: a start address (sets the sign-in state, then sends
 * the browser to Mallcoo), Mallcoo's callback (checks the state, exchanges the Ticket for the
 * shopper's identity and starts the workflow with it), or neither (lists the sign-in
 * addresses). Failures get a page and start nothing: 400 no or malformed ticket, 403 state
 * missing or not this browser's, or ticket refused by Mallcoo, 429 too many sign-ins, 502
 * Mallcoo unreachable, unreadable or refusing otherwise, 500 the node is misconfigured (its
 * After Sign-In URL, or a credential Mallcoo refuses). Nothing but a callback
 * that passed every check costs a Mallcoo request.
 */
export async function handleCallback(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const response = context.getResponseObject();
	const mode = context.getNodeParameter('responseMode', 'redirect') as ResponseMode;
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const requireState = options.requireSignInState !== false;
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const publicCredentials = publicCredentialsOf(credentials);
	const groups = () => signInGroups(context, publicCredentials, requireState);
	const refuse = (status: number, title: string, message: string, list = true) => {
		sendPage(response, status, errorPage(title, message, list ? groups() : []));
		return answered;
	};

	const after = afterSignInUrl(context, mode);
	if (!after.ok) {
		context.logger.error('Mallcoo Trigger: the After Sign-In URL is not an http(s) address', {
			node: context.getNode().name,
		});
		return refuse(
			500,
			'登录暂不可用 (Sign-in unavailable)',
			'This sign-in page is not set up correctly: its After Sign-In URL is not a valid http(s) address.',
			false,
		);
	}

	const query = context.getQueryData() as Record<string, unknown>;
	const callback = readCallback(query);
	if (!callback.ticket && isStartRequest(query)) {
		return startSignIn(context, publicCredentials, String(credentials.privateKey ?? ''), groups);
	}
	if (!callback.ticket) {
		const message = callback.malformed
			? '登录凭证格式无效 (The sign-in ticket in this address is not valid.)'
			: '缺少登录凭证 (This address has no sign-in ticket: open it through a Mallcoo sign-in address.)';
		return refuse(400, '登录未完成 (Sign-in not completed)', message);
	}

	const now = Date.now();
	let spent: { nonce: string; expires: number } | undefined;
	if (requireState) {
		const key = stateKey(String(credentials.privateKey ?? ''), triggerIdOf(context));
		const cookie = stateCookieOf(context.getHeaderData().cookie);
		const check = checkState(key, callback.state, cookie, now);
		if (!check.ok) {
			context.logger.warn(`Mallcoo Trigger: callback refused, sign-in state ${check.reason}`, {
				node: context.getNode().name,
			});
			return refuse(403, '登录未完成 (Sign-in not completed)', STATE_REFUSALS[check.reason]);
		}
		spent = check;
	}

	const caps = {
		perMinute: positive(options.maxExchangesPerMinute, DEFAULT_MAX_EXCHANGES_PER_MINUTE),
		perClientPerMinute: positive(
			options.maxExchangesPerClientPerMinute,
			DEFAULT_MAX_EXCHANGES_PER_CLIENT_PER_MINUTE,
		),
	};
	const taken = takeExchange(triggerIdOf(context), clientAddress(context), caps, now);
	if (taken !== 'ok' || (spent && !spend(spent.nonce, spent.expires, now))) {
		context.logger.warn(
			`Mallcoo Trigger: callback refused, ${taken === 'client' ? 'this client reached its' : 'the'} sign-in cap`,
			{ node: context.getNode().name },
		);
		return refuse(429, '登录未完成 (Sign-in not completed)', TRY_LATER, false);
	}

	const settings = transportSettings(
		context,
		credentials,
		exchangeOptions(options),
		new RequestBudget(),
	);
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
		const { message, description, context: details } = error as NodeApiError;
		// Read by what Mallcoo's answer means (transport/answers.ts): only a refused ticket is the
		// shopper's; a refused identity is this node's set-up, which the shopper cannot fix.
		const meaning = details?.mallcooMeaning;
		if (meaning === 'identityRejected') {
			context.logger.error(`Mallcoo Trigger: ${message}. ${description ?? ''}`.trim(), {
				node: context.getNode().name,
			});
			sendPage(
				response,
				500,
				errorPage(
					'登录暂不可用 (Sign-in unavailable)',
					'This sign-in page is not set up correctly: Mallcoo refused its credential.',
				),
			);
			return answered;
		}
		const refused = details?.mallcooCode !== undefined;
		context.logger.warn(`Mallcoo Trigger: ${message}`, { node: context.getNode().name });
		const text = refused
			? `Mallcoo: ${String(details.mallcooMessage ?? 'the ticket was refused')} (Code ${String(details.mallcooCode)})`
			: '猫酷暂时无法响应,请稍后重试。 (Mallcoo did not answer. Please try again.)';
		return refuse(meaning === 'ticketRefused' ? 403 : 502, '登录失败 (Sign-in failed)', text);
	}

	const shopper = options.includeUserToken === true ? data : data && withoutBearerValues(data);
	const item = signedInItem(shopper, callback, now);
	const workflowData = [[{ json: item }]];
	// The state is spent: the browser need not keep its cookie.
	const cleared: Record<string, string> = requireState
		? { 'Set-Cookie': clearedStateCookie(cookieScopeOf(context)) }
		: {};
	if (mode === 'responseNode') {
		if (requireState) response.setHeader('Set-Cookie', cleared['Set-Cookie']);
		return { workflowData };
	}
	if (mode === 'redirect') {
		sendRedirect(response, after.url as string, cleared);
	} else {
		const message = String(options.pageMessage ?? DEFAULT_PAGE_MESSAGE);
		sendPage(
			response,
			200,
			signedInPage({ nickname: item.NickName, message, continueUrl: after.url }),
			cleared,
		);
	}
	return { noWebhookResponse: true, workflowData };
}
