import { sleep, type IHttpRequestOptions, type IN8nHttpFullResponse } from 'n8n-workflow';

import type { MallcooRequest } from '../helpers/types';
import { failed, readEnvelope, type AttemptFailure, type AttemptResult } from './envelope';
import { describeNetworkError } from './networkErrors';
import { CREDENTIAL_TYPE, type MallcooContext, type TransportSettings } from './settings';

const MAX_BACKOFF_MS = 30_000;

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
export async function attempt(
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

/** The answer may be lost after the request reached Mallcoo: whether it was applied is unknown. */
export const isUnclear = (failure: AttemptFailure) => failure.transient && !failure.notProcessed;

/** Waits out the back-off before attempt `attemptNumber + 1`. */
export const waitBeforeRetry = (
	attemptNumber: number,
	settings: TransportSettings,
	retryAfterMs?: number,
) => sleep(backoffMs(attemptNumber, settings, retryAfterMs));
