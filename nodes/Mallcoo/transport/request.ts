import {
	NodeApiError,
	sleep,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type IWebhookFunctions,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type JsonObject,
} from 'n8n-workflow';

import type { ApiOperation, MallcooRequest } from '../operations/types';

export const CREDENTIAL_TYPE = 'mallcooApi';

/** The credential's API Base URL without trailing slashes, so paths can be appended as they are. */
export const apiBaseUrlOf = (credentials: IDataObject): string =>
	String(credentials.baseUrl ?? '').replace(/\/+$/, '');

/** The node runs requests from execute(); the OAuth trigger from its webhook. */
export type MallcooContext = IExecuteFunctions | IWebhookFunctions;

export interface TransportSettings {
	baseUrl: string;
	/**
	 * The credential, decrypted once per run: without it n8n would load and decrypt it again for
	 * every request. The credential's `authenticate` still signs each request.
	 */
	credentials?: ICredentialsDecrypted;
	timeoutMs: number;
	/** Attempts in all, the first included: 1 means no retry. */
	maxAttempts: number;
	/** The first back-off; each retry doubles it, with jitter. */
	retryDelayMs: number;
	/**
	 * Called before every attempt, so retries count against the rate ceiling too; it returns no
	 * promise when there is nothing to wait for (no ceiling), and the attempt starts at once.
	 */
	beforeAttempt: () => Promise<void> | undefined;
}

const MAX_BACKOFF_MS = 30_000;

/** Errors where the request surely never reached the platform: safe to resend any write. */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

/** One failed attempt, described well enough to decide on a retry and to tell the user. */
interface AttemptFailure {
	message: string;
	description?: string;
	httpCode?: string;
	response?: JsonObject;
	/** Worth another attempt at all (network trouble, time-out, 429, 5xx). */
	transient: boolean;
	/** The platform cannot have acted on it (connection refused, 429). */
	notProcessed: boolean;
	retryAfterMs?: number;
}

/** An attempt either yields the platform's `Data` or says why it failed. */
type AttemptResult =
	{ ok: true; data: IDataObject | undefined } | { ok: false; failure: AttemptFailure };

const failed = (failure: AttemptFailure): AttemptResult => ({ ok: false, failure });

function errorCode(error: unknown): string | undefined {
	for (
		let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
		current && depth < 5;
		depth++
	) {
		if (typeof current.code === 'string' && current.code !== '') return current.code;
		current = current.cause as typeof current;
	}
	return undefined;
}

function describeNetworkError(error: Error, settings: TransportSettings): AttemptFailure {
	const code = errorCode(error);
	const text = `${error.message} ${(error.cause as Error | undefined)?.message ?? ''}`;
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(text)) {
		return {
			message: `No answer from Mallcoo within ${settings.timeoutMs} ms`,
			description:
				'The request timed out. Raise "Timeout" in the node options if the platform is slow.',
			transient: true,
			notProcessed: false,
		};
	}
	const notSent = code !== undefined && NOT_SENT_CODES.has(code);
	const reason = code ?? error.message;
	return notSent
		? {
				message: `Could not connect to Mallcoo at ${settings.baseUrl} (${reason})`,
				description:
					'Check the API Base URL in the Mallcoo credential and the network of the n8n server.',
				transient: true,
				notProcessed: true,
			}
		: {
				message: `The connection to Mallcoo broke before an answer arrived (${reason})`,
				transient: true,
				notProcessed: false,
			};
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

function retryAfterMs(headers: IDataObject | undefined): number | undefined {
	const value = headers?.['retry-after'];
	const seconds = Number(value);
	return value !== undefined && Number.isFinite(seconds) && seconds >= 0
		? seconds * 1000
		: undefined;
}

/** The start of an answer, for error messages only. */
const snippetOf = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

/** Turns the platform's answer into its `Data`, or a failure that says what went wrong. */
function readEnvelope(response: IN8nHttpFullResponse): AttemptResult {
	const status = response.statusCode;
	const text = typeof response.body === 'string' ? response.body : String(response.body ?? '');
	if (status === 429 || status >= 500) {
		const snippet = snippetOf(text);
		return failed({
			message:
				status === 429
					? 'Mallcoo is limiting the request rate (HTTP 429)'
					: `Mallcoo answered HTTP ${status}`,
			description:
				status === 429
					? 'Lower "Max Requests Per Second" or "Concurrency" in the node options.'
					: snippet || undefined,
			httpCode: String(status),
			transient: true,
			notProcessed: status === 429,
			retryAfterMs: retryAfterMs(response.headers as IDataObject),
		});
	}
	const envelope = parseJson(text);
	if (envelope === NOT_JSON) {
		const snippet = snippetOf(text);
		return failed({
			message: `Mallcoo's answer is not JSON (HTTP ${status})`,
			description: snippet ? `It began: ${snippet}` : 'The answer was empty.',
			httpCode: String(status),
			transient: false,
			notProcessed: false,
		});
	}
	const { Code, Message, Data } = (envelope ?? {}) as {
		Code?: unknown;
		Message?: unknown;
		Data?: unknown;
	};
	if (status >= 400 || Code === undefined) {
		return failed({
			message: `Mallcoo answered HTTP ${status}${typeof Message === 'string' ? `: ${Message}` : ''}`,
			description: snippetOf(text),
			httpCode: String(status),
			response: envelope as JsonObject,
			transient: false,
			notProcessed: false,
		});
	}
	if (Number(Code) !== 1) {
		return failed({
			message: `${typeof Message === 'string' && Message ? Message : 'Mallcoo reported a failure'} (Code ${String(Code)})`,
			description: `Mallcoo refused the request with Code ${String(Code)}: ${String(Message ?? '')}`,
			response: { Code, Message } as JsonObject,
			transient: false,
			notProcessed: false,
		});
	}
	return {
		ok: true,
		data:
			Data && typeof Data === 'object' && !Array.isArray(Data) ? (Data as IDataObject) : undefined,
	};
}

/** The HTTP request n8n sends for one Mallcoo call; the credential signs it on the way out. */
export function mallcooHttpOptions(
	request: MallcooRequest,
	settings: Pick<TransportSettings, 'baseUrl' | 'timeoutMs'>,
): IHttpRequestOptions {
	return {
		method: 'POST',
		baseURL: settings.baseUrl,
		url: request.path,
		// The credential serializes this object once, signs that text and sends it.
		body: request.body,
		// Raw text, so an answer that is not JSON can be reported instead of passed on.
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// The API answers POSTs directly; skipping the redirect-following layer saves CPU per request.
		disableFollowRedirect: true,
		timeout: settings.timeoutMs,
	};
}

async function attempt(
	context: MallcooContext,
	request: MallcooRequest,
	settings: TransportSettings,
): Promise<AttemptResult> {
	const options = mallcooHttpOptions(request, settings);
	let response: IN8nHttpFullResponse;
	try {
		response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			options,
			settings.credentials ? { credentialsDecrypted: settings.credentials } : undefined,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		return failed(describeNetworkError(error as Error, settings));
	}
	return readEnvelope(response);
}

function backoffMs(
	attemptNumber: number,
	settings: TransportSettings,
	failure: AttemptFailure,
): number {
	const exponential = Math.min(MAX_BACKOFF_MS, settings.retryDelayMs * 2 ** (attemptNumber - 1));
	// "Equal jitter": at least half the delay, so many items failing at once spread out.
	const jittered = exponential / 2 + Math.random() * (exponential / 2);
	return Math.max(jittered, Math.min(failure.retryAfterMs ?? 0, MAX_BACKOFF_MS));
}

/**
 * Sends one operation's request, signed by the credential, and returns the platform's `Data`.
 * Retries transient failures with exponential back-off; a write that is not safe to repeat is
 * retried only when the platform cannot have acted on it.
 */
export async function callMallcoo(
	context: MallcooContext,
	operation: ApiOperation,
	request: MallcooRequest,
	settings: TransportSettings,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	for (let attemptNumber = 1; ; attemptNumber++) {
		const slot = settings.beforeAttempt();
		if (slot) await slot;
		const result = await attempt(context, request, settings);
		if (result.ok) return result.data;
		const { failure } = result;
		const retryable = failure.transient && (operation.safeToRepeat || failure.notProcessed);
		if (retryable && attemptNumber < settings.maxAttempts) {
			await sleep(backoffMs(attemptNumber, settings, failure));
			continue;
		}
		let description = failure.description;
		if (failure.transient && !retryable) {
			description =
				`Not retried: "${operation.action}" is not safe to repeat and the request may have reached Mallcoo. Check in Mallcoo whether it took effect before running it again. ${description ?? ''}`.trim();
		} else if (attemptNumber > 1) {
			description = `Gave up after ${attemptNumber} attempts. ${description ?? ''}`.trim();
		}
		const message = `Mallcoo ${operation.resource}/${operation.operation} failed: ${failure.message}`;
		const apiError = new NodeApiError(
			context.getNode(),
			failure.response ?? { message: failure.message },
			{
				message,
				description,
				httpCode: failure.httpCode,
				itemIndex,
			},
		);
		// NodeApiError swaps a message that mentions a network code (ECONNRESET, ...) for a generic one.
		apiError.message = message;
		if (failure.response?.Code !== undefined) {
			apiError.context.mallcooCode = failure.response.Code;
			apiError.context.mallcooMessage = failure.response.Message;
		}
		throw apiError;
	}
}
