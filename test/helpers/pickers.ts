/**
 * An ID picker's list loaded the way n8n's editor loads it: the node's listSearch method called in
 * n8n-core's LoadOptionsContext, the credential signing each request.
 */
import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type INode,
	type INodeListSearchResult,
} from 'n8n-workflow';

import { Mallcoo } from '../../nodes/Mallcoo/Mallcoo.node';
import { nodeTypesOf, testAdditionalData } from './engine';

const mallcoo = new Mallcoo();

/** Which picker is open: the node's version and parameters, and the path of the parameter being filled. */
export interface Picker {
	typeVersion: number;
	parameters: Record<string, string>;
	path: string;
}

export type ListSearchMethod = keyof typeof mallcoo.methods.listSearch;

export interface ListQuery {
	credentials: ICredentialDataDecryptedObject;
	filter?: string;
	paginationToken?: string;
}

/** The list `method` gives `picker`, as the editor asks for it (a search term, a next page). */
export async function searchList(
	picker: Picker,
	method: ListSearchMethod,
	{ credentials, filter, paginationToken }: ListQuery,
): Promise<INodeListSearchResult> {
	const node: INode = {
		id: 'mallcoo',
		name: 'Mallcoo',
		type: 'n8n-nodes-mallcoo.mallcoo',
		typeVersion: picker.typeVersion,
		position: [0, 0],
		parameters: picker.parameters,
		credentials: { mallcooApi: { id: 'sandbox', name: 'Mallcoo Sandbox' } },
	};
	const workflow = new Workflow({
		id: 'pickers',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf({ 'n8n-nodes-mallcoo.mallcoo': mallcoo }),
	});
	const context = new LoadOptionsContext(
		workflow,
		node,
		testAdditionalData(credentials),
		picker.path,
	);
	return mallcoo.methods.listSearch[method].call(context, filter, paginationToken);
}
