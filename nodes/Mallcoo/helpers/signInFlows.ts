import type { PublicCredentials } from './types';

/** A sign-in flow whose authorization page sends the shopper back to a callback URL. */
export interface H5SignInFlow {
	/** The Flow option's value (public contract) and the flow's key in outputs. */
	flow: string;
	/** Where the flow starts under the credential's Auth Base URL. */
	path: string;
	/** Its entry in the Get Authorization URL operation's Flow list. */
	name: string;
	description: string;
	/** Its name on the trigger's page of sign-in addresses. */
	pageName: string;
}

/**
 * The H5 sign-in flows, listed once for the Get Authorization URL operation and the trigger
 * (docs/mallcoo-protocol.md, "Shopper sign-in").
 */
export const H5_SIGN_IN_FLOWS: readonly H5SignInFlow[] = [
	{
		flow: 'h5BaseInfo',
		path: '/a/open/User/V2/OAuth/BaseInfo/',
		name: 'H5 Sign-In',
		description: 'Register or sign in (统一授权登录: 注册/登录)',
		pageName: 'H5 sign-in (注册/登录)',
	},
	{
		flow: 'h5CardInfo',
		path: '/a/open/User/V2/OAuth/CardInfo/',
		name: 'H5 Sign-In With Card Opening',
		description: 'Register, sign in and open a member card (注册/登录/开通会员卡)',
		pageName: 'H5 sign-in with card opening (注册/登录/开通会员卡)',
	},
	{
		flow: 'miniProgramH5',
		path: '/a/open/User/V1/OAuth/LiteAppBaseInfo/',
		name: 'Mini-Program-Embedded H5 Sign-In',
		description: 'An H5 page inside a WeChat mini program (小程序嵌H5)',
		pageName: 'Mini-program-embedded H5 sign-in (小程序嵌H5)',
	},
];

/** The page inside the Mallcoo mini program that a WeChat mini program navigates to. */
export const MINI_PROGRAM_PAGE = '/pages/oauth/oauth';

/** A query string with every value URL-encoded (encodeURIComponent: spaces as %20, not +). */
export const queryString = (values: Record<string, string>) =>
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
	const path = H5_SIGN_IN_FLOWS.find((candidate) => candidate.flow === flow)?.path;
	return `${credentials.authBaseUrl.replace(/\/+$/, '')}${path}?${query}`;
}
