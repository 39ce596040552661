/**
 * The floor: what n8n's own request helper reaches with nothing of the Mallcoo node around it.
 * A bare node type, run by the same engine in the Mallcoo node's place, sends the same requests
 * (the node's own HTTP options, signed by the credential) through `httpRequestWithAuthentication`
 * at the same concurrency. It reads no parameters per item, checks nothing, retries nothing.
 *
 * A community node may send HTTP only through this helper (the lint rules forbid `http` imports
 * and runtime dependencies), so no such node can be faster than this floor: a target above it is
 * a limit of n8n's HTTP stack, not of the node.
 */
import type {
	ICredentialsDecrypted,
	IExecuteFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';

import { mallcooHttpOptions } from '../nodes/Mallcoo/transport/attempt';
import { CREDENTIAL_TYPE, apiBaseUrlOf } from '../nodes/Mallcoo/transport/settings';
import { forEachConcurrently } from '../nodes/Mallcoo/transport/schedule';
import { rawRequest, type BenchOp } from './ops';

export class HelperFloor implements INodeType {
	description = {
		displayName: 'Helper Floor',
		name: 'helperFloor',
		group: ['transform'],
		version: 1,
		description: "Sends each item's Mallcoo request through n8n's request helper and nothing else",
		defaults: { name: 'Helper Floor' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{ displayName: 'Op', name: 'op', type: 'string', default: 'member/get' },
			{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 5 },
		],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const op = this.getNodeParameter('op', 0) as BenchOp;
		const concurrency = this.getNodeParameter('concurrency', 0) as number;
		const data = await this.getCredentials(CREDENTIAL_TYPE);
		// Decrypted once per run, as the node does.
		const credentials: ICredentialsDecrypted = {
			id: 'floor',
			name: 'floor',
			type: CREDENTIAL_TYPE,
			data,
		};
		const settings = { baseUrl: apiBaseUrlOf(data), timeoutMs: 30_000 };
		const output: INodeExecutionData[] = new Array(items.length);
		await forEachConcurrently(items.length, concurrency, async (index) => {
			const options = mallcooHttpOptions(rawRequest(op, items[index].json), settings);
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				options,
				{
					credentialsDecrypted: credentials,
				},
			)) as IN8nHttpFullResponse;
			const envelope = JSON.parse(String(response.body)) as {
				Code?: unknown;
				Data?: INodeExecutionData['json'];
			};
			if (envelope.Code !== 1)
				throw new Error(`floor: ${options.url} answered ${String(response.body)}`);
			output[index] = { json: envelope.Data ?? {}, pairedItem: { item: index } };
		});
		return [output];
	}
}
