/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * Serves a workflow's trigger webhook over real HTTP on 127.0.0.1, the way n8n's webhook server
 * does (packages/cli webhook-helpers.ts `executeWebhook` + WebhookService.runWebhook, 2.41):
 * n8n-core's WebhookContext around the real request and response, `nodeType.webhook.call`, then
 * the started workflow run by n8n-core's WorkflowExecute from the trigger's items. In
 * "responseNode" mode a Respond to Webhook node answers through the `sendResponse` hook.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	ExecutionLifecycleHooks,
	WebhookContext,
	WorkflowExecute,
	getHtmlSandboxCSP,
} from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	createRunExecutionData,
	type ICredentialDataDecryptedObject,
	type IConnections,
	type IExecuteFunctions,
	type IExecuteResponsePromiseData,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type IRun,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { request } from 'undici';

import { Mallcoo } from '../../nodes/Mallcoo/Mallcoo.node';
import { nodeTypesOf, testAdditionalData } from './engine';
import { MallcooTrigger } from '../../nodes/Mallcoo/MallcooTrigger.node';

/**
 * Stand-in for n8n-nodes-base's Respond to Webhook (not a dependency here), reproducing its
 * 2.41 code for what the example uses: `text` and `redirect`, options.responseCode and
 * options.responseHeaders, and the refusal from version 1.1 on of any trigger but n8n's own.
 */
class RespondToWebhook implements INodeType {
	description = {
		displayName: 'Respond to Webhook',
		name: 'respondToWebhook',
		group: ['transform'],
		version: [1, 1.1, 1.2, 1.3, 1.4, 1.5],
		description: 'Returns data for Webhook',
		defaults: { name: 'Respond to Webhook' },
		inputs: ['main'],
		outputs: ['main'],
		// The real node's properties that the stand-in reads (n8n keeps only declared parameters).
		properties: [
			{
				displayName: 'Respond With',
				name: 'respondWith',
				type: 'options',
				options: [
					{ name: 'Text', value: 'text' },
					{ name: 'Redirect', value: 'redirect' },
				],
				default: 'firstIncomingItem',
			},
			{
				displayName: 'Redirect URL',
				name: 'redirectURL',
				type: 'string',
				default: '',
				displayOptions: { show: { respondWith: ['redirect'] } },
			},
			{
				displayName: 'Response Body',
				name: 'responseBody',
				type: 'string',
				default: '',
				displayOptions: { show: { respondWith: ['text'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [
					{ displayName: 'Response Code', name: 'responseCode', type: 'number', default: 200 },
					{
						displayName: 'Response Headers',
						name: 'responseHeaders',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						default: {},
						options: [
							{
								name: 'entries',
								displayName: 'Entries',
								values: [
									{ displayName: 'Name', name: 'name', type: 'string', default: '' },
									{ displayName: 'Value', name: 'value', type: 'string', default: '' },
								],
							},
						],
					},
				],
			},
		] as INodeProperties[],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const webhookTypes = [
			'n8n-nodes-base.webhook',
			'n8n-nodes-base.formTrigger',
			'@n8n/n8n-nodes-langchain.chatTrigger',
			'n8n-nodes-base.wait',
		];
		if (
			this.getNode().typeVersion >= 1.1 &&
			!this.getParentNodes(this.getNode().name).some(({ type }) => webhookTypes.includes(type))
		) {
			throw new Error('No Webhook node found in the workflow');
		}
		const respondWith = this.getNodeParameter('respondWith', 0) as string;
		const options = this.getNodeParameter('options', 0, {}) as {
			responseCode?: number;
			responseHeaders?: { entries?: Array<{ name: string; value: string }> };
		};
		const headers: Record<string, string> = {};
		for (const { name, value } of options.responseHeaders?.entries ?? [])
			headers[String(name).toLowerCase()] = String(value);
		let statusCode = options.responseCode || 200;
		let body: unknown;
		if (respondWith === 'text') body = this.getNodeParameter('responseBody', 0);
		else if (respondWith === 'redirect') {
			headers.location = this.getNodeParameter('redirectURL', 0) as string;
			statusCode = options.responseCode ?? 307;
		} else throw new Error(`The stand-in does not support respondWith "${respondWith}"`);
		await this.sendResponse({ body, headers, statusCode } as IExecuteResponsePromiseData);
		return [this.getInputData()];
	}
}

/** n8n's sticky note: a canvas note, never executed. */
class StickyNote implements INodeType {
	description = {
		displayName: 'Sticky Note',
		name: 'stickyNote',
		group: ['input'],
		version: 1,
		description: 'Make your workflow easier to understand',
		defaults: { name: 'Sticky Note' },
		inputs: [],
		outputs: [],
		properties: [
			{ displayName: 'Content', name: 'content', type: 'string', default: '' },
			{ displayName: 'Height', name: 'height', type: 'number', default: 160 },
			{ displayName: 'Width', name: 'width', type: 'number', default: 240 },
		] as INodeProperties[],
	} as unknown as INodeType['description'];
}

const oauthTrigger = new MallcooTrigger();

const nodeTypes = nodeTypesOf({
	'n8n-nodes-mallcoo.mallcoo': new Mallcoo(),
	'n8n-nodes-mallcoo.mallcooTrigger': oauthTrigger,
	'n8n-nodes-base.respondToWebhook': new RespondToWebhook(),
	'n8n-nodes-base.stickyNote': new StickyNote(),
});

export interface WorkflowDefinition {
	nodes: INode[];
	connections: IConnections;
}

export interface WebhookServerOptions {
	workflow: WorkflowDefinition;
	/** The credential every node gets, as a user would fill it in. */
	credentials: ICredentialDataDecryptedObject;
}

export interface WebhookServer {
	/** e.g. http://127.0.0.1:40123, standing in for n8n's WEBHOOK_URL */
	readonly baseUrl: string;
	/** The trigger's URLs as n8n shows them in the node's panel. */
	readonly testUrl: string;
	readonly productionUrl: string;
	/** Every workflow run the trigger started, finished or not. */
	readonly runs: Array<Promise<IRun>>;
	/** Waits for every started run and returns them. */
	settled(): Promise<IRun[]>;
	close(): Promise<void>;
}

const TRIGGER_TYPE = 'n8n-nodes-mallcoo.mallcooTrigger';

export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
	const runs: Array<Promise<IRun>> = [];
	const trigger = options.workflow.nodes.find((node) => node.type === TRIGGER_TYPE);
	if (!trigger?.webhookId) throw new Error('the workflow needs a Mallcoo Trigger with a webhookId');
	const description = oauthTrigger.description.webhooks![0];
	const path = NodeHelpers.getNodeWebhookPath('test-workflow', trigger, description.path, false);

	const server = createServer((req, res) => {
		serve(req, res).catch((error: Error) => {
			if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ message: `test server: ${error.message}` }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	async function serve(req: IncomingMessage, res: ServerResponse) {
		const url = new URL(req.url ?? '/', baseUrl);
		const isTest = url.pathname === `/webhook-test/${path}`;
		if ((!isTest && url.pathname !== `/webhook/${path}`) || req.method !== description.httpMethod) {
			res.writeHead(404, { 'Content-Type': 'application/json' });
			res.end(
				JSON.stringify({
					message: `The requested webhook "${req.method} ${url.pathname}" is not registered.`,
				}),
			);
			return;
		}
		const mode: WorkflowExecuteMode = isTest ? 'manual' : 'webhook';
		// What express hands n8n: the query parsed (repeated names become arrays), no body on GET.
		const query: Record<string, string | string[]> = {};
		for (const [key, value] of url.searchParams) {
			const previous = query[key];
			query[key] = previous === undefined ? value : [...[previous].flat(), value];
		}
		Object.assign(req, { query, params: {}, body: {} });

		const workflow = new Workflow({
			id: 'test-workflow',
			name: 'Mallcoo OAuth test',
			nodes: structuredClone(options.workflow.nodes),
			connections: options.workflow.connections,
			active: !isTest,
			nodeTypes,
			settings: {},
		});
		const node = workflow.getNode(trigger!.name)!;
		const hooks = new ExecutionLifecycleHooks(mode, 'test-execution', {
			id: workflow.id,
			name: workflow.name,
			nodes: [],
			connections: {},
			active: false,
			settings: {},
		} as never);
		const additionalData = additionalDataFor(options.credentials, baseUrl, hooks, req, res);
		const webhookData: IWebhookData = {
			httpMethod: 'GET',
			node: node.name,
			path,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			isTest,
		};
		const responseMode = workflow.expression.getSimpleParameterValue(
			node,
			description.responseMode,
			mode,
			{},
			undefined,
			'onReceived',
		);

		let result;
		try {
			const context = new WebhookContext(
				workflow,
				node,
				additionalData,
				mode,
				webhookData,
				[],
				null,
			);
			result = await oauthTrigger.webhook.call(context);
		} catch (error) {
			sendJson(res, 500, {
				message: 'Workflow Webhook Error: Workflow could not be started!',
				cause: (error as Error).message,
			});
			return;
		}
		if (result.workflowData === undefined) {
			if (!result.noWebhookResponse && !res.headersSent)
				sendJson(res, 200, result.webhookResponse ?? { message: 'Webhook call received' });
			return;
		}

		if (responseMode === 'responseNode')
			hooks.addHandler('sendResponse', (response) => sendResponseNode(res, response));
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node, data: { main: result.workflowData }, source: null }],
			},
		});
		const run = new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(
			workflow,
		) as Promise<IRun>;
		runs.push(run);
		if (!result.noWebhookResponse && responseMode === 'onReceived')
			sendJson(res, 200, { message: 'Workflow was started' });
		const finished = await run;
		// What n8n answers when the run never reached a Respond to Webhook node.
		if (!res.headersSent) {
			const failed = finished.data.resultData.error !== undefined;
			sendJson(res, failed ? 500 : 200, failed ? { message: 'Error in workflow' } : {});
		}
	}

	return {
		baseUrl,
		testUrl: `${baseUrl}/webhook-test/${path}`,
		productionUrl: `${baseUrl}/webhook/${path}`,
		runs,
		settled: () => Promise.all(runs),
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
}

/** n8n's answer from a Respond to Webhook node: its status and headers, n8n's sandbox CSP, the body. */
function sendResponseNode(res: ServerResponse, response: IExecuteResponsePromiseData) {
	if (res.headersSent) return;
	const { body, headers, statusCode } = response as {
		body: unknown;
		headers?: Record<string, string>;
		statusCode?: number;
	};
	const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
	const names = Object.fromEntries(
		Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
	);
	res.writeHead(statusCode ?? 200, {
		// express's res.send(text) defaults to HTML, res.json to JSON
		'content-type':
			typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
		...names,
		'content-security-policy': getHtmlSandboxCSP(),
	});
	res.end(text);
}

function additionalDataFor(
	credentials: ICredentialDataDecryptedObject,
	base: string,
	hooks: ExecutionLifecycleHooks,
	httpRequest: IncomingMessage,
	httpResponse: ServerResponse,
): IWorkflowExecuteAdditionalData {
	return testAdditionalData(
		credentials,
		{ hooks, httpRequest, httpResponse } as Partial<IWorkflowExecuteAdditionalData>,
		base,
	);
}

export interface BrowserStep {
	url: string;
	status: number;
	location?: string;
	contentType?: string;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/**
 * A browser's cookies for 127.0.0.1, as far as the trigger needs them: set by Set-Cookie
 * (Max-Age=0 removes one), sent back to the paths under the cookie's Path.
 */
export class CookieJar {
	readonly cookies = new Map<string, { value: string; path: string }>();

	store(header: string | string[] | undefined): void {
		for (const line of [header ?? []].flat()) {
			const [pair, ...attributes] = line.split(';').map((part) => part.trim());
			const at = pair.indexOf('=');
			const name = pair.slice(0, at);
			const attribute = (key: string) =>
				attributes.find((part) => part.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
			if (attribute('max-age') === '0') this.cookies.delete(name);
			else this.cookies.set(name, { value: pair.slice(at + 1), path: attribute('path') ?? '/' });
		}
	}

	headerFor(url: string): string | undefined {
		const { pathname } = new URL(url);
		const sent = [...this.cookies]
			.filter(([, { path }]) => pathname === path || pathname.startsWith(path.replace(/\/?$/, '/')))
			.map(([name, { value }]) => `${name}=${value}`);
		return sent.length ? sent.join('; ') : undefined;
	}
}

/**
 * A browser's GET: follows redirects between servers on 127.0.0.1 (the trigger's start address,
 * the sandbox's sign-in page, the trigger's callback) with the cookies they set, and stops at
 * the first redirect elsewhere, which it records but does not visit.
 */
export async function browse(
	url: string,
	maxRedirects = 5,
	jar = new CookieJar(),
): Promise<BrowserStep[]> {
	const steps: BrowserStep[] = [];
	let next: string | undefined = url;
	while (next && steps.length <= maxRedirects) {
		const current: string = next;
		const cookie = jar.headerFor(current);
		const response = await request(current, {
			method: 'GET',
			headers: cookie ? { cookie } : {},
		});
		jar.store(response.headers['set-cookie']);
		const location = response.headers.location as string | undefined;
		steps.push({
			url: current,
			status: response.statusCode,
			location,
			contentType: response.headers['content-type'] as string | undefined,
			headers: response.headers,
			body: await response.body.text(),
		});
		const target = location ? new URL(location, current) : undefined;
		next =
			target &&
			target.hostname === '127.0.0.1' &&
			response.statusCode >= 300 &&
			response.statusCode < 400
				? target.href
				: undefined;
	}
	return steps;
}

/** The items a node output in a finished run (first run of the node, first output). */
export function outputOf(run: IRun, nodeName: string): INodeExecutionData[] {
	return run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [];
}
