import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { Batching } from '../helpers/batching';
import type { ApiOperation, MallcooRequest } from '../helpers/types';
import { callMallcoo } from './call';
import type { TransportSettings } from './settings';
import { forEachConcurrently } from './schedule';

type BatchedOperation = ApiOperation & { batching: Batching };

interface Batch {
	path: string;
	items: number[];
}

/** What sending the batches needs from the run: its options and how to output an item. */
export interface BatchRun {
	options: IDataObject;
	concurrency: number;
	settle(itemIndex: number, json: IDataObject): void;
}

const keyOf = (operation: BatchedOperation, request: MallcooRequest) =>
	String(request.body[operation.batching.entryKey]);

/** The run's Batch Size: a whole number from 1 to the operation's maximum. */
function batchSizeOf(context: IExecuteFunctions, operation: BatchedOperation, run: BatchRun) {
	const { defaultSize, maxSize } = operation.batching;
	const value = run.options.batchSize;
	if (value === undefined || value === '' || value === null) return defaultSize;
	const size = Number(value);
	if (!Number.isInteger(size) || size < 1 || size > maxSize) {
		throw new NodeOperationError(
			context.getNode(),
			`"Options › Batch Size" must be a whole number from 1 to ${maxSize}, but is ${JSON.stringify(value)}`,
		);
	}
	return size;
}

/** Consecutive items with the same path, at most `size` to a batch, in input order. */
function batchesOf(requests: Array<MallcooRequest | undefined>, size: number): Batch[] {
	const batches: Batch[] = [];
	const open = new Map<string, Batch>();
	requests.forEach((request, itemIndex) => {
		if (!request) return;
		let batch = open.get(request.path);
		if (!batch) {
			batch = { path: request.path, items: [] };
			open.set(request.path, batch);
			batches.push(batch);
		}
		batch.items.push(itemIndex);
		if (batch.items.length >= size) open.delete(request.path);
	});
	return batches;
}

/** A failed item's output under Continue On Fail: the error, and what the item asked for. */
function errorItem(error: NodeOperationError, actedOn: IDataObject): IDataObject {
	const json: IDataObject = { error: error.message, ...actedOn };
	if (error.description) json.description = error.description;
	const { mallcooCode, mallcooMessage, failReason } = error.context;
	if (failReason !== undefined) json.failReason = failReason as string;
	if (mallcooCode !== undefined) {
		json.code = mallcooCode as number;
		json.mallcooMessage = mallcooMessage as string;
	}
	return json;
}

/**
 * Sends a batched write: every item's entry goes to Mallcoo in a request of up to Batch Size
 * entries (Concurrency batches in flight, each a turn of the credential's request budget), and
 * every item gets its own output from its entry of the answer, paired with it.
 *
 * Before anything is sent, items sharing an entry key fail (each of them: which one was meant
 * cannot be known). A batch whose answer is lost is not sent again: the operation's repeat
 * policy is `never` (see the operation's file for why), so each of its items says that its
 * outcome is unknown. Without Continue On Fail the first failure stops the run: no new batch
 * is started, those in flight finish, and the error names the item.
 */
export async function sendInBatches(
	context: IExecuteFunctions,
	operation: BatchedOperation,
	requests: Array<MallcooRequest | undefined>,
	settings: TransportSettings,
	run: BatchRun,
): Promise<void> {
	const { batching } = operation;
	const continueOnFail = context.continueOnFail();
	const actedOn = (itemIndex: number) => operation.actedOn?.(requests[itemIndex]!) ?? {};
	let sending = false;
	const fail = (itemIndex: number, message: string, description: string, extra?: IDataObject) => {
		const error = new NodeOperationError(context.getNode(), message, {
			itemIndex,
			description:
				sending && !continueOnFail
					? `${description} Other items of this run may have been sent already: turn on Continue On Fail (Settings › On Error) to get every item's result.`
					: description,
		});
		// n8n swaps a message that mentions a network code (ECONNRESET, ...) for a generic one.
		error.message = message;
		Object.assign(error.context, extra);
		if (!continueOnFail) throw error;
		run.settle(itemIndex, errorItem(error, actedOn(itemIndex)));
	};

	const size = batchSizeOf(context, operation, run);

	const byKey = new Map<string, number[]>();
	requests.forEach((request, itemIndex) => {
		if (!request) return;
		const key = keyOf(operation, request);
		const items = byKey.get(key);
		if (items) items.push(itemIndex);
		else byKey.set(key, [itemIndex]);
	});
	for (const [key, items] of byKey) {
		if (items.length < 2) continue;
		const named = items.map((itemIndex) => itemIndex + 1).join(', ');
		for (const itemIndex of items) {
			fail(
				itemIndex,
				`"${batching.keyParameter}" ${JSON.stringify(key)} is used by items ${named} of this run (item ${itemIndex + 1})`,
				`Each entry needs its own ${batching.keyParameter}, built from the item's data (e.g. a campaign plus the member), so that a re-run sends nothing twice. None of these items was sent.`,
			);
		}
		for (const itemIndex of items) requests[itemIndex] = undefined;
	}

	const batches = batchesOf(requests, size);
	sending = true;
	await forEachConcurrently(batches.length, run.concurrency, async (batchIndex) => {
		const batch = batches[batchIndex];
		const entries = batch.items.map((itemIndex) => requests[itemIndex]!.body);
		const request: MallcooRequest = { path: batch.path, body: { [batching.listKey]: entries } };
		const others = batch.items.length - 1;
		const together =
			others > 0 ? ` (sent together with ${others} other item${others > 1 ? 's' : ''})` : '';
		let data: unknown;
		try {
			({ data } = await callMallcoo(context, operation, request, settings, batch.items[0]));
		} catch (caught) {
			const error = caught as Error & {
				context?: IDataObject;
				httpCode?: string | null;
			};
			const code = error.context?.mallcooCode;
			const reason = String(error.message).replace(/^.*? failed: /, '');
			for (const itemIndex of batch.items) {
				if (code !== undefined) {
					fail(
						itemIndex,
						`Mallcoo refused the whole request: ${reason}`,
						`No entry of this request was applied: Mallcoo answered Code ${String(code)} for the request as a whole${together}.`,
						{ mallcooCode: code, mallcooMessage: error.context?.mallcooMessage },
					);
				} else if (error.httpCode === '429') {
					fail(
						itemIndex,
						`Not sent: ${reason}`,
						`Mallcoo kept limiting the request rate, so the request${together} was never accepted; running it again is safe. Lower "Concurrency" or "Max Requests Per Second".`,
					);
				} else {
					fail(
						itemIndex,
						`Unknown whether ${batching.noun} was issued: the answer was lost (${reason})`,
						`The request${together} may have reached Mallcoo and been applied. The node does not send it again after a lost answer: no official page says that Mallcoo refuses a repeated ${batching.entryKey}. Check in Mallcoo before running it again.`,
					);
				}
			}
			return;
		}

		const answered = new Map<string, IDataObject>();
		if (Array.isArray(data)) {
			for (const entry of data as IDataObject[]) {
				if (entry && typeof entry === 'object') {
					answered.set(String(entry[batching.entryKey]), entry);
				}
			}
		}
		for (const itemIndex of batch.items) {
			const key = keyOf(operation, requests[itemIndex]!);
			const entry = answered.get(key);
			if (!entry) {
				fail(
					itemIndex,
					`Unknown whether ${batching.noun} was issued: Mallcoo's answer has no entry for ${batching.entryKey} ${JSON.stringify(key)}`,
					`Mallcoo answered the request${together} with Code 1 but without a result for this entry. Check in Mallcoo before running it again.`,
				);
				continue;
			}
			const result = batching.readEntry(entry);
			if (result.applied) {
				run.settle(itemIndex, { success: true, ...actedOn(itemIndex), ...entry });
			} else {
				fail(
					itemIndex,
					`Mallcoo did not issue ${batching.noun}: ${result.reason}`,
					`Mallcoo answered this entry (${batching.entryKey} ${JSON.stringify(key)}) with IsSuccess false and the FailReason above; the other entries of the request are answered on their own items.`,
					{ failReason: result.reason },
				);
			}
		}
	});
}
