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
import { testMallcooCredential } from './transport/credentialTest';

export class Mallcoo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Mallcoo',
		name: 'mallcoo',
		icon: { light: 'file:../../icons/mallcoo.svg', dark: 'file:../../icons/mallcoo.dark.svg' },
		group: ['transform'],
		// 1.1: Shop ID (Mallcoo Shop ID) and the gift category filter are ID pickers; 1 keeps text.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read and update Mallcoo mall members, cards and tags, and handle shopper sign-in',
		defaults: { name: 'Mallcoo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'mallcooApi', required: true, testedBy: 'mallcooApiTest' }],
		properties: [...operationProperties, runOptions],
	};

	methods = { listSearch, credentialTest: { mallcooApiTest: testMallcooCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this);
	}
}
