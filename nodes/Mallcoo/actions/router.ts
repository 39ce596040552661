import {
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { ItemParameters } from '../helpers/values/itemParameters';
import { camelCase, simplify } from '../descriptions/memberProfile/simplify';
import { findOperation } from './registry';
import {
	publicCredentialsOf,
	type ApiOperation,
	type MallcooRequest,
	type MallcooOperation,
} from '../helpers/types';
import { callMallcoo, callMallcooForData, type CallResult } from '../transport/call';
import { dataObject } from '../transport/envelope';
import { CREDENTIAL_TYPE, transportSettings } from '../transport/settings';
import { sendInBatches } from '../transport/batches';
import { fetchPages } from '../transport/paging';
import { forEachConcurrently } from '../transport/schedule';

/**
 * How long checking the input may hold n8n's one thread before it lets other work run. By time,
 * not by item count: each yield costs a timer turn (1 to 3 ms), which a 2,000-item check of a
 * few milliseconds should not pay ten times over, while a slow check (errors build stack traces)
 * still yields often enough.
 */
const YIELD_AFTER_MS = 20;

function errorJson(error: Error): IDataObject {
	const json: IDataObject = { error: error.message };
	const context = (error as { context?: IDataObject }).context;
	const description = (error as { description?: string }).description;
	if (description) json.description = description;
	if (context?.mallcooCode !== undefined) {
		json.code = context.mallcooCode;
		json.mallcooMessage = context.mallcooMessage;
	}
	return json;
}

/**
 * Whether the node runs as an AI agent's tool: n8n runs the tool variant of a usableAsTool node
 * (type `<node>Tool`), and marks the run as a tool's when an agent calls it directly.
 */
const runsAsAgentTool = (context: IExecuteFunctions): boolean =>
	context.getNode().type.endsWith('Tool') || context.isToolExecution?.() === true;

/** How a lookup's output is shaped: the run's Simplify and If Not Found choices. */
interface LookupOutput {
	simplify: boolean;
	emptyIfNotFound: boolean;
}

function lookupOutputOf(
	context: IExecuteFunctions,
	operation: ApiOperation,
): LookupOutput | undefined {
	if (!operation.lookup) return undefined;
	return {
		simplify: context.getNodeParameter('simplify', 0, false) === true,
		emptyIfNotFound: context.getNodeParameter('ifNotFound', 0, 'error') === 'empty',
	};
}

/** "Not found" as an item the workflow can go on with: the identifier that was asked for. */
function notFoundOutput(request: MallcooRequest): IDataObject {
	const output: IDataObject = { found: false };
	for (const [name, value] of Object.entries(request.body)) output[camelCase(name)] = value;
	return output;
}

/** A read outputs Mallcoo's `Data`; a write, `success` with what it acted on and any `Data`. */
function outputOf(
	operation: ApiOperation,
	request: MallcooRequest,
	{ data, settledAfterUnclearAnswer }: CallResult,
	lookup: LookupOutput | undefined,
): IDataObject {
	const object = dataObject(data);
	if (operation.kind === 'read') {
		const read = lookup?.simplify ? simplify(object ?? {}) : (object ?? {});
		return lookup?.emptyIfNotFound ? { found: true, ...read } : read;
	}
	const output: IDataObject = { success: true, ...operation.actedOn?.(request), ...object };
	if (settledAfterUnclearAnswer) output.settledAfterUnclearAnswer = settledAfterUnclearAnswer;
	return output;
}

/**
 * Runs the selected operation for every input item: first reads and checks all items (so bad
 * input fails before anything is sent), then sends the requests concurrently. Output i always
 * pairs with input i; with Continue On Fail a failed item becomes an error item in its place.
 */
export async function executeOperation(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation: MallcooOperation | undefined = findOperation(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${resource}/${operationName}" is not supported`,
		);
	}

	if (operation.kind !== 'local' && operation.agentOptIn && runsAsAgentTool(this)) {
		if (this.getNodeParameter(operation.agentOptIn, 0, false) !== true) {
			throw new NodeOperationError(
				this.getNode(),
				`"${operation.action}" is not available to AI agents unless "Allow Use by AI Agents" is on`,
				{ description: 'Nothing was sent to Mallcoo.' },
			);
		}
	}

	// One output item per input item, or (list operations) one per entry, each paired with its input.
	const results: Array<INodeExecutionData | INodeExecutionData[]> = new Array(items.length);
	const settle = (itemIndex: number, json: IDataObject) => {
		results[itemIndex] = { json, pairedItem: { item: itemIndex } };
	};
	const settleEach = (itemIndex: number, entries: IDataObject[]) => {
		results[itemIndex] = entries.map((json) => ({ json, pairedItem: { item: itemIndex } }));
	};
	const fail = (itemIndex: number, error: Error) => {
		if (!this.continueOnFail()) throw error;
		settle(itemIndex, errorJson(error));
	};
	const runConstants = new Map<string, unknown>();
	const parametersOf = (itemIndex: number) =>
		new ItemParameters(this, itemIndex, operation.properties, runConstants);

	if (operation.kind === 'local') {
		const publicCredentials = publicCredentialsOf(await this.getCredentials(CREDENTIAL_TYPE));
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				settle(itemIndex, operation.run(parametersOf(itemIndex), publicCredentials));
			} catch (error) {
				fail(itemIndex, error as Error);
			}
		}
		return [results as INodeExecutionData[]];
	}

	const requests: Array<MallcooRequest | undefined> = new Array(items.length);
	let lastYield = Date.now();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		// Checking thousands of items can take a while: let the n8n server answer other work meanwhile.
		if (Date.now() - lastYield >= YIELD_AFTER_MS) {
			await sleep(0);
			lastYield = Date.now();
		}
		try {
			requests[itemIndex] = operation.buildRequest(parametersOf(itemIndex));
		} catch (error) {
			fail(itemIndex, error as Error);
		}
	}

	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const settings = transportSettings(this, await this.getCredentials(CREDENTIAL_TYPE), options);
	const concurrency = Math.max(1, Number(options.concurrency ?? 5) || 5);
	const lookup = lookupOutputOf(this, operation);
	if (operation.batching) {
		const batched = { ...operation, batching: operation.batching };
		await sendInBatches(this, batched, requests, settings, { options, concurrency, settle });
		return [results as INodeExecutionData[]];
	}
	// Chosen once per run: a list reads pages, a custom shape maps Data, the rest output one item.
	const { pager, outputItems } = operation;
	const pageable = pager && { ...operation, pager };
	const send = pageable
		? async (request: MallcooRequest, itemIndex: number) => {
				const entries = await fetchPages(this, pageable, request, settings, itemIndex);
				settleEach(itemIndex, request.outputEntry ? entries.map(request.outputEntry) : entries);
			}
		: outputItems
			? async (request: MallcooRequest, itemIndex: number) =>
					settleEach(
						itemIndex,
						outputItems(
							await callMallcooForData(this, operation, request, settings, itemIndex),
							options,
						),
					)
			: async (request: MallcooRequest, itemIndex: number) => {
					const result = await callMallcoo(this, operation, request, settings, itemIndex);
					settle(itemIndex, outputOf(operation, request, result, lookup));
				};
	await forEachConcurrently(items.length, concurrency, async (itemIndex) => {
		const request = requests[itemIndex];
		if (!request) return;
		requests[itemIndex] = undefined; // sent: nothing needs it any more
		try {
			await send(request, itemIndex);
		} catch (error) {
			// "Not found" by what Mallcoo's answer means (transport/answers.ts), never by one code.
			const meaning = (error as { context?: IDataObject }).context?.mallcooMeaning;
			if (lookup?.emptyIfNotFound && meaning === 'notFound')
				settle(itemIndex, notFoundOutput(request));
			else fail(itemIndex, error as Error);
		}
	});
	return [results.flat()];
}
