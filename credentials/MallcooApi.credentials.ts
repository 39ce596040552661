import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { chinaTimeStamp } from './chinaTime';
import { mallcooSign } from './mallcooSignature';

/** Headers the credential sets; a same-named header of the request is replaced, whatever its case. */
const OWN_HEADERS = new Set(['appid', 'publickey', 'timestamp', 'sign', 'content-type']);

/** The request's other headers, without those the credential sets. */
function otherHeadersOf(headers: IHttpRequestOptions['headers']): IHttpRequestOptions['headers'] {
	if (!headers) return undefined;
	let others: IHttpRequestOptions['headers'];
	for (const name of Object.keys(headers)) {
		if (!OWN_HEADERS.has(name.toLowerCase())) (others ??= {})[name] = headers[name];
	}
	return others;
}

/**
 * The TimeStamp header has a resolution of one second: compute it once per second, not per
 * request (a run of thousands of requests would otherwise build the same text again and again).
 */
let stampSecond = NaN;
let stampText = '';
function currentTimeStamp(): string {
	const now = Date.now();
	const second = Math.floor(now / 1000);
	if (second !== stampSecond) {
		stampText = chinaTimeStamp(new Date(now));
		stampSecond = second;
	}
	return stampText;
}

/** Serializes the body once: the signed text and the sent text must be the same bytes. */
function bodyText(body: IHttpRequestOptions['body']): string {
	if (body === undefined || body === null || body === '') return '';
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return JSON.stringify(body);
}

export class MallcooApi implements ICredentialType {
	name = 'mallcooApi';

	displayName = 'Mallcoo API';

	icon: Icon = { light: 'file:../icons/mallcoo.svg', dark: 'file:../icons/mallcoo.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-mallcoo/n8n-nodes-mallcoo#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'AppID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			description: 'Application ID assigned by Mallcoo, sent in the AppID header',
		},
		{
			displayName: 'Public Key',
			name: 'publicKey',
			type: 'string',
			default: '',
			required: true,
			description: 'Public key assigned by Mallcoo, sent in the PublicKey header',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"Private key assigned by Mallcoo. Only used to compute each request's signature; it is never sent.",
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://openapi10.mallcoo.cn',
			description:
				'Host of the Mallcoo open API. Point it at the Mallcoo sandbox or a proxy to test.',
		},
		{
			displayName: 'Authorization Pages Base URL',
			name: 'authBaseUrl',
			type: 'string',
			default: 'https://m.mallcoo.cn',
			description: 'Host of the Mallcoo sign-in (OAuth) pages that shoppers are sent to',
		},
	];

	/**
	 * Signs every request, for the Mallcoo node and for the HTTP Request node alike:
	 * TimeStamp in China time, Sign over the exact body text that is then sent.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const body = bodyText(requestOptions.body);
		const timeStamp = currentTimeStamp();
		const publicKey = String(credentials.publicKey ?? '');
		const sign = mallcooSign(publicKey, timeStamp, body, String(credentials.privateKey ?? ''));
		// Ours replace any same-named header, whatever its case (the HTTP Request node sets content-type).
		const otherHeaders = otherHeadersOf(requestOptions.headers);
		return {
			...requestOptions,
			body,
			headers: {
				...otherHeaders,
				AppID: String(credentials.appId ?? ''),
				PublicKey: publicKey,
				TimeStamp: timeStamp,
				Sign: sign,
				'Content-Type': 'application/json; charset=utf-8',
			},
		};
	}

	// No `test`: n8n prefers it to the nodes' `testedBy`, and its rules only compare a field with a
	// value; the Test reads the answer's meaning in code (nodes/Mallcoo/transport/credentialTest.ts).
}
