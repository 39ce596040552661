import { parseChinaTimeStamp } from '../credentials/chinaTime';
import { mallcooSign } from '../credentials/mallcooSignature';
import { Refusal } from './refusals';
import type { SandboxCredentials } from './types';

/**
 * The platform's checks every API call passes before an endpoint sees it, in this order: the four
 * public headers, the app's identity, the time window, the signature over the body exactly as
 * received, then a JSON object body. One place, so every endpoint is guarded alike.
 */

const HEADERS: Array<[string, string]> = [
	['appid', 'AppID'],
	['publickey', 'PublicKey'],
	['timestamp', 'TimeStamp'],
	['sign', 'Sign'],
];

export interface GatewayRequest {
	/** Names lower-cased, as Node delivers them. */
	headers: Record<string, string>;
	rawBody: string;
	/** rawBody parsed as JSON, or undefined. */
	body: unknown;
}

export interface GatewaySettings {
	credentials: Readonly<SandboxCredentials>;
	/** Accepted TimeStamp drift either way, in ms. */
	toleranceMs: number;
	now: number;
}

/** The body to hand to the endpoint, or the refusal the platform would answer instead. */
export function admit(
	request: GatewayRequest,
	settings: GatewaySettings,
): Record<string, unknown> | Refusal {
	const { headers } = request;
	const { credentials } = settings;
	for (const [key, name] of HEADERS) if (!headers[key]) return new Refusal('missingHeader', name);
	if (headers.appid !== credentials.appId) return new Refusal('unknownAppId');
	if (headers.publickey !== credentials.publicKey) return new Refusal('wrongPublicKey');
	const stamp = parseChinaTimeStamp(headers.timestamp);
	if (!stamp) return new Refusal('badTimeStamp');
	if (Math.abs(settings.now - stamp.getTime()) > settings.toleranceMs)
		return new Refusal('staleTimeStamp', String(Math.round(settings.toleranceMs / 1000)));
	const expected = mallcooSign(
		credentials.publicKey,
		headers.timestamp,
		request.rawBody,
		credentials.privateKey,
	);
	// Case matters: the platform compares the hex digest as sent.
	if (headers.sign !== expected) return new Refusal('badSign');
	const body = request.body;
	if (!body || typeof body !== 'object' || Array.isArray(body))
		return new Refusal('parameter', '请求体不是JSON对象 (body is not a JSON object)');
	return body as Record<string, unknown>;
}
