import type { PublicCredentials } from './types';

/** Where each sign-in flow starts (docs/mallcoo-protocol.md, "Shopper sign-in"). */
export const H5_FLOWS: Record<string, string> = {
	h5BaseInfo: '/a/open/User/V2/OAuth/BaseInfo/',
	h5CardInfo: '/a/open/User/V2/OAuth/CardInfo/',
	miniProgramH5: '/a/open/User/V1/OAuth/LiteAppBaseInfo/',
};

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
	return `${credentials.authBaseUrl.replace(/\/+$/, '')}${H5_FLOWS[flow]}?${query}`;
}
