/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * The system under test: workflow "Test Items → Mallcoo" run by n8n-core's WorkflowExecute (test
 * engine); or, for the floor, the same workflow with bench/floor.ts in the Mallcoo node's place.
 */
import './resolve-node-ts';

import path from 'node:path';

import { runMallcoo } from '../test/helpers/engine';
import { HelperFloor } from './floor';
import { nodeParameters } from './ops';
import type { Runner, WorkerConfig } from './types';

export function nodeRunner(config: WorkerConfig): Runner {
	const credentials = {
		...config.credentials,
		baseUrl: config.baseUrl,
		authBaseUrl: config.baseUrl,
	};
	const floor = config.mode === 'floor';
	const parameters = floor
		? { op: config.op, concurrency: config.concurrency }
		: nodeParameters(config.op, config.concurrency);
	const nodeType = floor ? new HelperFloor() : undefined;
	return async (items) => {
		const { output, error } = await runMallcoo({
			parameters,
			items,
			credentials,
			nodeType,
		});
		if (error) throw error;
		const failed = output.filter((item) => item.json.error !== undefined);
		if (output.length !== items.length || failed.length > 0) {
			throw new Error(
				`node output ${output.length} items for ${items.length}, ${failed.length} failed: ${JSON.stringify(failed[0]?.json)}`,
			);
		}
	};
}

/**
 * The node and n8n-core must share one n8n-workflow (its CJS build), or the engine's instanceof
 * checks on the node's errors silently fail. Under tsx the node is compiled to CommonJS, so its
 * `import 'n8n-workflow'` is a require: prove that it resolved to the very module n8n-core loaded,
 * then that a business error under Continue On Fail becomes an error item (1 request).
 */
export async function checkSharedWorkflowModule(config: WorkerConfig): Promise<void> {
	const fromCore = require.resolve('n8n-workflow', {
		paths: [path.dirname(require.resolve('n8n-core'))],
	});
	const nodeModule = require.cache[require.resolve('../nodes/Mallcoo/Mallcoo.node.ts')];
	const fromNode =
		nodeModule && require.resolve('n8n-workflow', { paths: [path.dirname(nodeModule.filename)] });
	if (!nodeModule || fromNode !== fromCore || !require.cache[fromCore]) {
		throw new Error(
			`the node does not share n8n-core's n8n-workflow (${fromNode ?? 'node not loaded as CommonJS'} vs ${fromCore})`,
		);
	}
	const credentials = {
		...config.credentials,
		baseUrl: config.baseUrl,
		authBaseUrl: config.baseUrl,
	};
	const continued = await runMallcoo({
		parameters: nodeParameters('member/get', 1),
		items: [{ mobile: '13899999999' }],
		credentials,
		continueOnFail: true,
	});
	if (continued.error || continued.output[0]?.json.code !== 3001) {
		throw new Error(
			`expected an error item with code 3001 under Continue On Fail, got ${JSON.stringify(continued.output[0]?.json)}`,
		);
	}
}
