import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IN8nHttpFullResponse,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { MallcooApi } from '../../../credentials/MallcooApi.credentials';
import { identityAdvice } from './answers';
import { readEnvelope } from './envelope';
import { describeNetworkError } from './networkErrors';
import { apiBaseUrlOf } from './settings';

/** The ticket exchange (https://docs.mallcoo.cn/open/api/User.html): signed, and harmless with a made-up ticket. */
const TEST_PATH = '/User/OAuth/v1/GetToken/ByTicket/';
const TEST_TICKET = 'n8n-credential-test';
const TIMEOUT_MS = 15_000;

/** The one signer: the credential's own `authenticate`, as every node request uses it. */
const credentialType = new MallcooApi();

const ok = (message: string): INodeCredentialTestResult => ({ status: 'OK', message });
const error = (message: string): INodeCredentialTestResult => ({ status: 'Error', message });

/**
 * The credential's Test: exchanges a made-up ticket and reads the answer by its meaning
 * (answers.ts). It passes only when Mallcoo shows it accepted the identity (the ticket refused as
 * a ticket, or a success); an identity refusal names the part to fix; any other answer fails with
 * what Mallcoo said. Nothing here names the Private Key's value.
 */
export async function testMallcooCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const baseUrl = apiBaseUrlOf(data);
	if (!/^https?:\/\/[^/]/i.test(baseUrl)) {
		return error('The API Base URL must be an http(s) address, e.g. https://openapi10.mallcoo.cn');
	}
	const signed = await credentialType.authenticate(data, {
		method: 'POST',
		url: TEST_PATH,
		body: { Ticket: TEST_TICKET },
	});
	// n8n gives a credential test only the legacy `request` helper (ICredentialTestFunctions has
	// no httpRequest); the request is complete and signed here, so none of its option magic is used.
	const { helpers } = this;
	let response: IN8nHttpFullResponse;
	try {
		response = (await helpers.request({
			uri: `${baseUrl}${TEST_PATH}`,
			method: 'POST',
			headers: signed.headers,
			body: signed.body,
			json: false,
			resolveWithFullResponse: true,
			simple: false,
			timeout: TIMEOUT_MS,
		})) as IN8nHttpFullResponse;
	} catch (cause) {
		const failure = describeNetworkError(cause as Error, { baseUrl, timeoutMs: TIMEOUT_MS });
		return error(`${failure.message}. Check the API Base URL and the n8n server's network.`);
	}
	const result = readEnvelope(response, TEST_PATH);
	if (result.ok) return ok('Mallcoo accepted the credential.');
	const { failure } = result;
	const meaning = failure.meaning;
	const answered =
		failure.response?.Code !== undefined
			? `Code ${String(failure.response.Code)}: ${String(failure.response.Message ?? '')}`
			: failure.message;
	if (meaning?.kind === 'ticketRefused') {
		return ok("Mallcoo accepted the credential (it refused only the test's made-up ticket).");
	}
	const advice = identityAdvice(meaning);
	if (advice) return error(`${advice}. Mallcoo answered ${answered}`);
	if (meaning?.kind === 'rateLimited') {
		return error(
			`Mallcoo is limiting the request rate; try the test again in a moment (${answered})`,
		);
	}
	return error(
		`Mallcoo's answer does not show whether it accepts this credential: ${answered}. Check that the API Base URL is Mallcoo's open API host, then the AppID, Public Key and Private Key.`,
	);
}
