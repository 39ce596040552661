import type { IDataObject } from 'n8n-workflow';

import type { Confirmation, MallcooRequest, RepeatPolicy } from '../helpers/types';
import { attempt, isUnclear, waitBeforeRetry } from './attempt';
import type { CallResult } from './call';
import { dataObject, type AttemptFailure, type AttemptResult } from './envelope';
import { isNotFound, isRepeatedTransactionRefusal } from './refusals';
import type { MallcooContext, TransportSettings } from './settings';

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
		await waitBeforeRetry(attemptNumber, settings, result.failure.retryAfterMs);
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
		await waitBeforeRetry(look, settings);
	}
}

/** What the retry loop does after a failed attempt, once any lost answer has been looked into. */
export type AfterLoss =
	| { kind: 'settled'; result: CallResult }
	| { kind: 'retry' }
	| { kind: 'fail'; failure: AttemptFailure; description: string }
	| { kind: 'carryOn' };

export interface LossState {
	policy: RepeatPolicy;
	/** The operation's confirmation, for `confirm` writes. */
	confirm: Confirmation | undefined;
	/** This attempt's failure. */
	failure: AttemptFailure;
	/** The last earlier attempt whose answer was lost after it may have reached Mallcoo. */
	lost: AttemptFailure | undefined;
	attemptNumber: number;
}

/**
 * A lost answer, settled by Mallcoo's own word: a `transactionId` write whose ID Mallcoo refuses
 * as already used after an attempt of this node was lost was applied once; a `confirm` write
 * asks Mallcoo with the operation's reads whether it took effect, and is sent again only if not.
 * `carryOn`: nothing to settle here, the ordinary retry rules apply.
 */
export async function settleLostAnswer(
	context: MallcooContext,
	request: MallcooRequest,
	settings: TransportSettings,
	{ policy, confirm, failure, lost, attemptNumber }: LossState,
): Promise<AfterLoss> {
	if (lost && policy === 'transactionId' && isRepeatedTransactionRefusal(failure.response)) {
		return {
			kind: 'settled',
			result: {
				data: undefined,
				settledAfterUnclearAnswer: `The answer to an earlier attempt was lost (${lost.message}); Mallcoo then refused this transaction ID as already used, so the write was applied once.`,
			},
		};
	}
	// A refusal after a lost answer may mean the lost attempt went through: ask, as after a loss.
	const refusedAfterLoss = lost !== undefined && failure.response?.Code !== undefined;
	if (!confirm || !(isUnclear(failure) || refusedAfterLoss)) return { kind: 'carryOn' };
	const verdict = await askWhetherApplied(context, confirm, request, settings);
	const lostNow = isUnclear(failure) ? failure : (lost as AttemptFailure);
	if (verdict.applied) {
		return {
			kind: 'settled',
			result: {
				data: verdict.data,
				settledAfterUnclearAnswer: `The answer to an attempt was lost (${lostNow.message}); ${confirm.describe(request)} then showed the change had been applied.`,
			},
		};
	}
	if (verdict.unknown !== undefined) {
		return {
			kind: 'fail',
			failure: lostNow,
			description: `Unknown whether it took effect: the answer was lost and Mallcoo could not tell when asked (${confirm.describe(request)}: ${verdict.unknown}). Check in Mallcoo before running it again.`,
		};
	}
	// Mallcoo says it was not applied: sending again is safe.
	if (isUnclear(failure) && attemptNumber < settings.maxAttempts) return { kind: 'retry' };
	if (isUnclear(failure)) {
		return {
			kind: 'fail',
			failure,
			description: `Not applied: ${attemptNumber} attempts lost their answers, and ${confirm.describe(request)} shows no change.`,
		};
	}
	return { kind: 'carryOn' };
}
