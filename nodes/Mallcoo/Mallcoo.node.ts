import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { operationProperties } from './actions/registry';
import { executeOperation } from './actions/router';
import { runOptions } from './descriptions/runOptions';
import { listSearch } from './methods/listSearch';

export class Mallcoo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Mallcoo',
		name: 'mallcoo',
		icon: { light: 'file:../../icons/mallcoo.svg', dark: 'file:../../icons/mallcoo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read and update Mallcoo (猫酷) mall members, cards and tags, and handle shopper sign-in',
		defaults: { name: 'Mallcoo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'mallcooApi', required: true }],
		properties: [...operationProperties, runOptions],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this);
	}
}
