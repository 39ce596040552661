/**
 * The CPU-bound configuration's workflows, one per path and operation, all in one n8n:
 *
 *   Webhook (POST { mobiles: [...] }) → Split Out (one item per mobile) → the path → answer
 *
 * - node: the Mallcoo node, `mobile` = {{ $json.mobile }}, Concurrency 20;
 * - floor: bench/floor.ts (n8n's request helper alone), installed beside the Mallcoo node;
 * - alternative: what a user builds without this package from the README's own instructions:
 *   a Code node that serialises the body and signs it (MD5, README "Credentials"), then n8n's
 *   HTTP Request node sending that exact text with the four headers, batching 20 items.
 *
 * The webhook answers when the last node has finished ("lastNode"), with its first item only, so
 * the wall time of one call is the workflow's run and the answer stays small.
 */
import { createHash } from 'node:crypto';

import { TAG_IDS, nodeParameters, type Op } from './ops';

export type CpuPath = 'node' | 'floor' | 'alternative';
export const CPU_PATHS: CpuPath[] = ['node', 'floor', 'alternative'];

export const BENCH_CREDENTIAL = { id: 'benchMallcoo01', name: 'Mallcoo Bench', type: 'mallcooApi' };

export interface BenchWorkflow {
	id: string;
	path: CpuPath;
	op: Op;
	webhookPath: string;
	json: Record<string, unknown>;
}

const ENDPOINT: Record<Op, string> = {
	'member/get': '/User/AdvancedInfo/v1/Get/ByMobile/',
	'tag/add': '/User/BaseInfo/v1/AddTag/',
};

/** The body the node sends for one item (bench/ops.ts rawRequest), written as the user would. */
const BODY_JS: Record<Op, string> = {
	'member/get': 'JSON.stringify({ Mobile: item.json.mobile })',
	'tag/add': `JSON.stringify({ Mobile: item.json.mobile, TagIDList: [${TAG_IDS}], Desc: null })`,
};

/** The Code node's JavaScript: the README's signing recipe, for all items at once. */
function signingCode(op: Op, credentials: { publicKey: string; privateKey: string }): string {
	return [
		"const crypto = require('crypto');",
		`const publicKey = ${JSON.stringify(credentials.publicKey)};`,
		`const privateKey = ${JSON.stringify(credentials.privateKey)};`,
		'// TimeStamp: China Standard Time (UTC+8), yyyyMMddHHmmss',
		'const chinaTime = () =>',
		"\tnew Date(Date.now() + 8 * 3600 * 1000).toISOString().replace(/\\D/g, '').slice(0, 14);",
		'return $input.all().map((item) => {',
		`\tconst body = ${BODY_JS[op]};`,
		'\tconst timeStamp = chinaTime();',
		'\tconst sign = crypto',
		"\t\t.createHash('md5')",
		'\t\t.update(`{publicKey:${publicKey},timeStamp:${timeStamp},data:${body},privateKey:${privateKey}}`)',
		"\t\t.digest('hex')",
		'\t\t.toUpperCase()',
		'\t\t.slice(8, 24);',
		'\treturn { json: { body, timeStamp, sign } };',
		'});',
	].join('\n');
}

const slug = (op: Op) => op.replace('/', '-');

/** Stable ids (n8n wants 16 characters or so; any string works for import) per path and op. */
const idOf = (path: CpuPath, op: Op) => `bench${path[0].toUpperCase()}${slug(op).replace('-', '')}`;

/** A fixed UUID-shaped id per path, op and node, so re-imports replace rather than add. */
function uuid(path: CpuPath, op: Op, index: number): string {
	const hex = createHash('md5').update(`${path}:${op}:${index}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function benchWorkflow(
	path: CpuPath,
	op: Op,
	concurrency: number,
	sandbox: { url: string; credentials: { appId: string; publicKey: string; privateKey: string } },
): BenchWorkflow {
	const webhookPath = `bench/${path}/${slug(op)}`;
	const credentials = { mallcooApi: { id: BENCH_CREDENTIAL.id, name: BENCH_CREDENTIAL.name } };
	const node = (index: number, name: string, rest: Record<string, unknown>) => ({
		id: uuid(path, op, index),
		name,
		position: [index * 220, 0],
		...rest,
	});
	const nodes: Array<Record<string, unknown>> = [
		node(0, 'Webhook', {
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: uuid(path, op, 99),
			parameters: {
				httpMethod: 'POST',
				path: webhookPath,
				responseMode: 'lastNode',
				responseData: 'firstEntryJson',
				options: {},
			},
		}),
		node(1, 'Split Out', {
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: {
				fieldToSplitOut: 'body.mobiles',
				include: 'noOtherFields',
				options: { destinationFieldName: 'mobile' },
			},
		}),
	];
	if (path === 'node') {
		nodes.push(
			node(2, 'Mallcoo', {
				type: 'n8n-nodes-mallcoo.mallcoo',
				typeVersion: 1,
				parameters: nodeParameters(op, concurrency),
				credentials,
			}),
		);
	} else if (path === 'floor') {
		nodes.push(
			node(2, 'Helper Floor', {
				type: 'n8n-nodes-mallcoo.helperFloor',
				typeVersion: 1,
				parameters: { op, concurrency },
				credentials,
			}),
		);
	} else {
		nodes.push(
			node(2, 'Sign', {
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: {
					mode: 'runOnceForAllItems',
					language: 'javaScript',
					jsCode: signingCode(op, sandbox.credentials),
				},
			}),
			node(3, 'HTTP Request', {
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					method: 'POST',
					url: `${sandbox.url}${ENDPOINT[op]}`,
					sendHeaders: true,
					specifyHeaders: 'keypair',
					headerParameters: {
						parameters: [
							{ name: 'AppID', value: sandbox.credentials.appId },
							{ name: 'PublicKey', value: sandbox.credentials.publicKey },
							{ name: 'TimeStamp', value: '={{ $json.timeStamp }}' },
							{ name: 'Sign', value: '={{ $json.sign }}' },
						],
					},
					sendBody: true,
					contentType: 'raw',
					rawContentType: 'application/json; charset=utf-8',
					body: '={{ $json.body }}',
					// Batching: 20 items per batch, the smallest interval the option takes.
					options: { batching: { batch: { batchSize: concurrency, batchInterval: 1 } } },
				},
			}),
		);
	}
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name as string] = {
			main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]],
		};
	}
	return {
		id: idOf(path, op),
		path,
		op,
		webhookPath,
		json: {
			id: idOf(path, op),
			name: `Bench: ${path} ${op}`,
			// No execution data saved: the database would add the same cost to every path and hide
			// the differences between them.
			settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none' },
			nodes,
			connections,
		},
	};
}
