/**
 * Runs real workflows through n8n's own engine (n8n-core's WorkflowExecute) in-process:
 * a test node that emits the given items, then the Mallcoo node with its real credential.
 */
import { WorkflowExecute, ExecutionLifecycleHooks } from 'n8n-core';
import {
	ICredentialsHelper,
	Workflow,
	createRunExecutionData,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { MallcooApi } from '../../credentials/MallcooApi.credentials';
import { Mallcoo } from '../../nodes/Mallcoo/Mallcoo.node';

/** Emits the items a test hands it, as a webhook or spreadsheet would. */
class TestItems implements INodeType {
	description = {
		displayName: 'Test Items',
		name: 'testItems',
		group: ['input'],
		version: 1,
		description: 'Emits the items given in its "items" parameter',
		defaults: { name: 'Test Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Items', name: 'items', type: 'json', default: '[]' },
		] as INodeProperties[],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

const credentialType = new MallcooApi();

/** The node types a test workflow may use, by the type names workflows reference. */
export function nodeTypesOf(types: Record<string, INodeType>): INodeTypes {
	const byName = (name: string): INodeType => {
		const type = types[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	};
	return {
		getByName: byName,
		getByNameAndVersion: byName,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
}

/**
 * The node's AI-tool variant as n8n 2.41 generates one for a usableAsTool node
 * (packages/cli tool-generation/ai-tools.ts): the same node, its type name ending in "Tool",
 * which is what `@tool` display options test. Kept on the main output so a test runs it in line.
 */
function toolVariant(): INodeType {
	const node = new Mallcoo();
	node.description = {
		...node.description,
		name: `${node.description.name}Tool`,
		displayName: `${node.description.displayName} Tool`,
	};
	delete node.description.usableAsTool;
	return node;
}

const testItems = new TestItems();
const nodeTypes = nodeTypesOf({
	'n8n-nodes-mallcoo.mallcoo': new Mallcoo(),
	'n8n-nodes-mallcoo.mallcooTool': toolVariant(),
	'test.testItems': testItems,
});

/** Hands the node its decrypted credential and signs through the credential's own `authenticate`, as n8n does. */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: ICredentialDataDecryptedObject) {
		super();
	}
	getParentTypes() {
		return [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	) {
		if (typeName !== credentialType.name) throw new Error(`Unexpected credential type ${typeName}`);
		return credentialType.authenticate(credentials, requestOptions);
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used');
	}
	async getDecrypted() {
		return { ...this.data };
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties() {
		return credentialType.properties;
	}
}

/** What n8n's server hands the engine: URLs, the credentials helper, hooks; `extra` adds or replaces. */
export function testAdditionalData(
	credentials: ICredentialDataDecryptedObject,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
	base = 'http://127.0.0.1:5678',
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not used');
		},
		hooks: new ExecutionLifecycleHooks('manual', 'test-execution', {
			id: 'wf',
			name: 'test',
			nodes: [],
			connections: {},
			active: false,
			settings: {},
		} as never),
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunOptions {
	/** The Mallcoo node's parameters (resource, operation, fields, options). */
	parameters: Record<string, unknown>;
	/** Input items; each becomes one item in the Mallcoo node's input. */
	items?: Array<Record<string, unknown>>;
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** Another node type in the Mallcoo node's place (the benchmark's floor), with the same credential. */
	nodeType?: INodeType;
	/** Run the node's AI-tool variant (type `n8n-nodes-mallcoo.mallcooTool`) instead. */
	asTool?: boolean;
	/** The Mallcoo node's version as the workflow saved it: 1 unless a test says otherwise. */
	typeVersion?: number;
}

export interface RunResult {
	/** The Mallcoo node's output items, in order. */
	output: INodeExecutionData[];
	/** The error the node stopped with, if it did. */
	error?: Error & { description?: string; context?: IDataObject };
	run: IRun;
}

/** Builds the workflow "Test Items → Mallcoo" and runs it to the end with n8n's engine. */
export async function runMallcoo(options: RunOptions): Promise<RunResult> {
	const nodes: INode[] = [
		{
			id: 'items',
			name: 'Items',
			type: 'test.testItems',
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(options.items ?? [{}]) },
		},
		{
			id: 'mallcoo',
			name: 'Mallcoo',
			type: options.nodeType
				? 'test.replacement'
				: `n8n-nodes-mallcoo.mallcoo${options.asTool ? 'Tool' : ''}`,
			typeVersion: options.typeVersion ?? 1,
			position: [200, 0],
			parameters: options.parameters as INode['parameters'],
			credentials: { mallcooApi: { id: 'sandbox', name: 'Mallcoo Sandbox' } },
			...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		},
	];
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'Mallcoo test',
		nodes,
		connections: { Items: { main: [[{ node: 'Mallcoo', type: 'main', index: 0 }]] } },
		active: false,
		nodeTypes: options.nodeType
			? nodeTypesOf({ 'test.testItems': testItems, 'test.replacement': options.nodeType })
			: nodeTypes,
		settings: {},
	});
	const execute = new WorkflowExecute(
		testAdditionalData(options.credentials),
		'manual',
		createRunExecutionData(),
	);
	const run = await execute.run({ workflow, startNode: workflow.getNode('Items')! });
	const mallcooRuns = run.data.resultData.runData.Mallcoo ?? [];
	const lastRun = mallcooRuns[mallcooRuns.length - 1];
	return {
		output: lastRun?.data?.main?.[0] ?? [],
		error: (lastRun?.error ?? run.data.resultData.error) as RunResult['error'],
		run,
	};
}
