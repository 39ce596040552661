import {
	NodeApiError,
	sleep,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type IWebhookFunctions,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type JsonObject,
} from 'n8n-workflow';

import type { ApiOperation, Confirmation, MallcooRequest } from '../helpers/types';
import { isNotFound, isRepeatedTransactionRefusal } from '../helpers/platformCodes';
import { sharedBudget, type RequestBudget } from './schedule';

export const CREDENTIAL_TYPE = 'mallcooApi';

/** The credential's API Base URL without trailing slashes, so paths can be appended as they are. */
export const apiBaseUrlOf = (credentials: IDataObject): string =>
	String(credentials.baseUrl ?? '').replace(/\/+$/, '');

/**
 * The request budget of the credential a node uses, shared by every run in this process that
 * uses it: the key names the credential and the API host, never its secrets.
 */
export function budgetOf(
	context: MallcooContext,
	credentials: IDataObject,
	perSecond: number,
): RequestBudget {
	const id = context.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? '';
	return sharedBudget(
		`${id}|${String(credentials.appId ?? '')}|${apiBaseUrlOf(credentials)}`,
		perSecond,
	);
}

/** The node runs requests from execute() and its pickers; the OAuth trigger from its webhook. */
export type MallcooContext = IExecuteFunctions | IWebhookFunctions | ILoadOptionsFunctions;

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
	/** The credential's request budget in this process: every attempt, retries and checks included, takes a slot. */
	budget: RequestBudget;
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

/** An attempt either yields the platform's `Data` (any JSON: lists too) or says why it failed. */
type AttemptResult = { ok: true; data: unknown } | { ok: false; failure: AttemptFailure };

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
	return { ok: true, data: Data };
}

/** `Data` as an object, for operations whose `Data` is one (or absent). */
export const dataObject = (data: unknown): IDataObject | undefined =>
	data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : undefined;

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

/**
 * One attempt, sent in its turn of the credential's request budget (retries and checks take a
 * turn too); a 429 slows that budget down for every run that shares it.
 */
async function attempt(
	context: MallcooContext,
	request: MallcooRequest,
	settings: TransportSettings,
): Promise<AttemptResult> {
	const slot = settings.budget.take();
	if (slot) await slot;
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
	const result = readEnvelope(response);
	if (!result.ok && result.failure.httpCode === '429') {
		settings.budget.slowDown(result.failure.retryAfterMs);
	}
	return result;
}

function backoffMs(attemptNumber: number, settings: TransportSettings, retryAfterMs = 0): number {
	const exponential = Math.min(MAX_BACKOFF_MS, settings.retryDelayMs * 2 ** (attemptNumber - 1));
	// "Equal jitter": at least half the delay, so many items failing at once spread out.
	const jittered = exponential / 2 + Math.random() * (exponential / 2);
	return Math.max(jittered, Math.min(retryAfterMs, MAX_BACKOFF_MS));
}

/** What a call gave: the platform's `Data`, and how an unclear answer was settled, if one was. */
export interface CallResult {
	/** As it came: an object, a list, a value, or undefined. */
	data: unknown;
	/** Set when an attempt's answer was lost and Mallcoo itself then told that it was applied. */
	settledAfterUnclearAnswer?: string;
}

const isUnclear = (failure: AttemptFailure) => failure.transient && !failure.notProcessed;

/** A read sent until it gets an answer, retried as reads are; it never throws. */
async function readUntilAnswered(
	context: MallcooContext,
	request: MallcooRequest,
	settings: TransportSettings,
): Promise<AttemptResult> {
	for (let attemptNumber = 1; ; attemptNumber++) {
		const result = await attempt(context, request, settings);
		if (result.ok || !result.failure.transient || attemptNumber >= settings.maxAttempts) {
			return result;
		}
		await sleep(backoffMs(attemptNumber, settings, result.failure.retryAfterMs));
	}
}

/**
 * Asks Mallcoo, with the operation's own reads, whether its write took effect: the reads'
 * `Data`, or null where Mallcoo says "not found", go to the operation's verdict.
 */
async function askWhetherApplied(
	context: MallcooContext,
	confirm: Confirmation,
	request: MallcooRequest,
	settings: TransportSettings,
): Promise<{ applied?: boolean; data?: IDataObject; unknown?: string }> {
	// An asynchronous write may not show yet: look again, waiting as between retries.
	const looks = confirm.asynchronous ? settings.maxAttempts : 1;
	for (let look = 1; ; look++) {
		const found: Array<IDataObject | null> = [];
		for (const check of confirm.checks(request)) {
			const result = await readUntilAnswered(context, check, settings);
			if (result.ok) found.push(dataObject(result.data) ?? {});
			else if (isNotFound(result.failure.response?.Code)) found.push(null);
			else return { unknown: result.failure.message };
		}
		const applied = confirm.applied(found);
		if (applied === undefined) {
			return { unknown: 'its answers show neither the change nor its absence' };
		}
		if (applied || look >= looks) {
			return { applied, data: found.find((data) => data !== null) ?? undefined };
		}
		await sleep(backoffMs(look, settings));
	}
}

function apiError(
	context: MallcooContext,
	operation: ApiOperation,
	failure: AttemptFailure,
	itemIndex: number,
	description: string | undefined,
): NodeApiError {
	// A code the endpoint's page documents is named by its meaning; Mallcoo's Message stays in the description.
	const code = failure.response?.Code;
	const documented = code === undefined ? undefined : operation.codes?.[Number(code)];
	const reason = documented ? `${documented} (Code ${String(code)})` : failure.message;
	const message = `${operation.action} failed: ${reason}`;
	const error = new NodeApiError(
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
	error.message = message;
	if (failure.response?.Code !== undefined) {
		error.context.mallcooCode = failure.response.Code;
		error.context.mallcooMessage = failure.response.Message;
	}
	return error;
}

/**
 * Sends one operation's request, signed by the credential, and returns the platform's `Data`.
 * Transient failures are retried with exponential back-off as the operation's repeat policy
 * allows (helpers/types.ts, RepeatPolicy). When an attempt's answer is lost after it may have
 * reached Mallcoo, a `confirm` write asks Mallcoo whether it took effect before sending again,
 * and a `transactionId` write takes Mallcoo's refusal of its own repeated ID as "applied once".
 */
export async function callMallcoo(
	context: MallcooContext,
	operation: ApiOperation,
	request: MallcooRequest,
	settings: TransportSettings,
	itemIndex: number,
): Promise<CallResult> {
	const policy = request.repeat ?? operation.repeat;
	const confirm = policy === 'confirm' ? operation.confirm : undefined;
	/** The last attempt whose answer was lost after it may have reached Mallcoo. */
	let lost: AttemptFailure | undefined;
	for (let attemptNumber = 1; ; attemptNumber++) {
		const result = await attempt(context, request, settings);
		if (result.ok) return { data: result.data };
		const { failure } = result;
		const attemptsLeft = attemptNumber < settings.maxAttempts;

		if (lost && policy === 'transactionId' && isRepeatedTransactionRefusal(failure.response)) {
			return {
				data: undefined,
				settledAfterUnclearAnswer: `The answer to an earlier attempt was lost (${lost.message}); Mallcoo then refused this transaction ID as already used, so the write was applied once.`,
			};
		}
		// A refusal after a lost answer may mean the lost attempt went through: ask, as after a loss.
		const refusedAfterLoss = lost !== undefined && failure.response?.Code !== undefined;
		if (confirm && (isUnclear(failure) || refusedAfterLoss)) {
			const verdict = await askWhetherApplied(context, confirm, request, settings);
			const lostNow = isUnclear(failure) ? failure : (lost as AttemptFailure);
			if (verdict.applied) {
				return {
					data: verdict.data,
					settledAfterUnclearAnswer: `The answer to an attempt was lost (${lostNow.message}); ${confirm.describe(request)} then showed the change had been applied.`,
				};
			}
			if (verdict.unknown !== undefined) {
				throw apiError(
					context,
					operation,
					lostNow,
					itemIndex,
					`Unknown whether it took effect: the answer was lost and Mallcoo could not tell when asked (${confirm.describe(request)}: ${verdict.unknown}). Check in Mallcoo before running it again.`,
				);
			}
			// Mallcoo says it was not applied: sending again is safe.
			if (isUnclear(failure) && attemptsLeft) {
				lost = failure;
				await sleep(backoffMs(attemptNumber, settings, failure.retryAfterMs));
				continue;
			}
			if (isUnclear(failure)) {
				throw apiError(
					context,
					operation,
					failure,
					itemIndex,
					`Not applied: ${attemptNumber} attempts lost their answers, and ${confirm.describe(request)} shows no change.`,
				);
			}
		}

		const resendable = policy === 'resend' || policy === 'transactionId';
		const retryable = failure.transient && (resendable || failure.notProcessed);
		if (isUnclear(failure)) lost = failure;
		if (retryable && attemptsLeft) {
			await sleep(backoffMs(attemptNumber, settings, failure.retryAfterMs));
			continue;
		}
		let description = failure.description;
		if (failure.transient && !retryable) {
			description =
				`Not retried: "${operation.action}" is not safe to repeat and the request may have reached Mallcoo. Check in Mallcoo whether it took effect before running it again. ${description ?? ''}`.trim();
		} else if (isUnclear(failure) && policy === 'transactionId') {
			description =
				`Unknown whether it took effect after ${attemptNumber} attempts. Running it again with the same transaction ID is safe: Mallcoo refuses an ID it has already applied. ${description ?? ''}`.trim();
		} else if (attemptNumber > 1) {
			description = `Gave up after ${attemptNumber} attempts. ${description ?? ''}`.trim();
		}
		throw apiError(context, operation, failure, itemIndex, description);
	}
}

/** The platform's `Data` alone, for callers that need no more (each page of a list). */
export async function callMallcooForData(
	context: MallcooContext,
	operation: ApiOperation,
	request: MallcooRequest,
	settings: TransportSettings,
	itemIndex: number,
): Promise<unknown> {
	return (await callMallcoo(context, operation, request, settings, itemIndex)).data;
}
