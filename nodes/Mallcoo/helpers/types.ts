import type { ICredentialDataDecryptedObject, IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemParameters } from './parameters';

/** What one item asks of the platform: a POST of `body` to `path` under the credential's base URL. */
export interface MallcooRequest {
	path: string;
	body: IDataObject;
}

/** The credential fields an operation that builds addresses locally needs (never the PrivateKey). */
export interface PublicCredentials {
	appId: string;
	publicKey: string;
	authBaseUrl: string;
}

export const publicCredentialsOf = (
	credentials: ICredentialDataDecryptedObject,
): PublicCredentials => ({
	appId: String(credentials.appId ?? ''),
	publicKey: String(credentials.publicKey ?? ''),
	authBaseUrl: String(credentials.authBaseUrl ?? ''),
});

interface OperationBase {
	/** Internal names from the public contract: saved workflows depend on them. */
	resource: string;
	operation: string;
	/** Display name in the Operation list, e.g. "Get". */
	name: string;
	/** The sentence shown in the node list and to AI agents, e.g. "Get a member". */
	action: string;
	description: string;
	/** Parameters of this operation; the registry scopes them to it with displayOptions. */
	properties: INodeProperties[];
}

/** An operation that is one signed POST to the platform. */
export interface ApiOperation extends OperationBase {
	kind: 'read' | 'write';
	/**
	 * False for writes that must not reach the platform twice (opening a card, moving a member
	 * to a new mobile): they are retried only when the request surely never arrived.
	 */
	safeToRepeat: boolean;
	/** Reads and checks the item's parameters (throwing before anything is sent) and builds the request. */
	buildRequest(parameters: ItemParameters): MallcooRequest;
}

/** An operation computed inside n8n, with no request (building a sign-in address). */
export interface LocalOperation extends OperationBase {
	kind: 'local';
	run(parameters: ItemParameters, credentials: PublicCredentials): IDataObject;
}

export type MallcooOperation = ApiOperation | LocalOperation;
