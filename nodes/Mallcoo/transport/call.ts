import { NodeApiError } from 'n8n-workflow';

import type { ApiOperation, MallcooRequest } from '../helpers/types';
import { identityAdvice } from './answers';
import { attempt, isUnclear, waitBeforeRetry } from './attempt';
import type { AttemptFailure } from './envelope';
import { settleLostAnswer } from './reconcile';
import type { MallcooContext, TransportSettings } from './settings';

/** What a call gave: the platform's `Data`, and how an unclear answer was settled, if one was. */
export interface CallResult {
	/** As it came: an object, a list, a value, or undefined. */
	data: unknown;
	/** Set when an attempt's answer was lost and Mallcoo itself then told that it was applied. */
	settledAfterUnclearAnswer?: string;
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
	const documented = code === undefined ? undefined : operation.refusals?.[Number(code)];
	const reason = documented ? `${documented} (Code ${String(code)})` : failure.message;
	const message = `${operation.action} failed: ${reason}`;
	const error = new NodeApiError(
		context.getNode(),
		failure.response ?? { message: failure.message },
		{
			message,
			description:
				[identityAdvice(failure.meaning), description].filter(Boolean).join('. ') || undefined,
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
	// What the answer means (answers.ts), for callers that act on it (If Not Found, the trigger).
	if (failure.meaning) {
		error.context.mallcooMeaning = failure.meaning.kind;
		if (failure.meaning.about) error.context.mallcooAbout = failure.meaning.about;
	}
	return error;
}

/**
 * Sends one operation's request, signed by the credential, and returns the platform's `Data`.
 * Transient failures are retried with exponential back-off as the operation's repeat policy
 * allows (helpers/types.ts, RepeatPolicy); what happens when an attempt's answer is lost after
 * it may have reached Mallcoo is decided in reconcile.ts.
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

		const next = await settleLostAnswer(context, request, settings, {
			policy,
			confirm,
			failure,
			lost,
			attemptNumber,
		});
		if (next.kind === 'settled') return next.result;
		if (next.kind === 'fail') {
			throw apiError(context, operation, next.failure, itemIndex, next.description);
		}
		if (next.kind === 'retry') {
			lost = failure;
			await waitBeforeRetry(attemptNumber, settings, failure.retryAfterMs);
			continue;
		}

		const resendable = policy === 'resend' || policy === 'transactionId';
		const retryable = failure.transient && (resendable || failure.notProcessed);
		if (isUnclear(failure)) lost = failure;
		if (retryable && attemptsLeft) {
			await waitBeforeRetry(attemptNumber, settings, failure.retryAfterMs);
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
