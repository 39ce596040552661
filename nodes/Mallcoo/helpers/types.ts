import type { ICredentialDataDecryptedObject, IDataObject, INodeProperties } from 'n8n-workflow';

import type { Batching } from './batching';
import type { ItemParameters } from './values/itemParameters';

/** What one item asks of the platform: a POST of `body` to `path` under the credential's base URL. */
export interface MallcooRequest {
	path: string;
	body: IDataObject;
	/** Overrides the operation's policy for this item (the custom call's "Safe to Repeat"). */
	repeat?: RepeatPolicy;
	/** List operations: at most this many entries for this item; undefined means all (Return All). */
	limit?: number;
	/** List operations: how each entry is output (Simplify); the entry as Mallcoo sent it if absent. */
	outputEntry?(entry: IDataObject): IDataObject;
}

/**
 * What the node may do after an attempt whose outcome is unclear (a time-out, a connection
 * broken after sending, a 5xx), decided once per operation, in its own file:
 * - `resend`: sending it again leaves Mallcoo as sending it once (reads, tags, set values);
 * - `transactionId`: Mallcoo refuses a repeated TransID, so the same body is resent; a refusal
 *   of that ID after this node's own unclear attempt means the first attempt was applied;
 * - `confirm`: ask Mallcoo with a read whether the change took effect, and send again only if not;
 * - `never`: resent only when the request surely never reached Mallcoo.
 */
export type RepeatPolicy = 'resend' | 'transactionId' | 'confirm' | 'never';

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
	 * A read of one member or user by an identifier: it offers Simplify and If Not Found
	 * (descriptions/lookup.ts), which the router applies to its output.
	 */
	lookup?: boolean;
	/** What a retry after an unclear outcome may do: see RepeatPolicy. */
	repeat: RepeatPolicy;
	/**
	 * The yes/no parameter that must be on for this operation to run as an AI agent's tool;
	 * without it, it runs there like any other.
	 */
	agentOptIn?: string;
	/** For `confirm` writes: how to ask Mallcoo whether the write took effect. */
	confirm?: Confirmation;
	/** For writes: what the write acted on (mobile, tag IDs, transaction ID), shown beside `success`. */
	actedOn?(request: MallcooRequest): IDataObject;
	/** Reads and checks the item's parameters (throwing before anything is sent) and builds the request. */
	buildRequest(parameters: ItemParameters): MallcooRequest;
	/**
	 * The refusal codes this endpoint's page documents, with what they mean for the user (e.g.
	 * parking 1101: the car park was not found). The transport names that meaning in the error;
	 * other refusals keep the platform's Message.
	 */
	refusals?: Readonly<Record<number, string>>;
	/** List operations: how the endpoint pages (transport/paging.ts); each entry becomes one item. */
	pager?: Pager;
	/**
	 * Turns the platform's `Data` (any JSON, lists included) into this item's output items, in
	 * place of the usual one item; `options` is the run's Options collection.
	 */
	outputItems?(data: unknown, options: IDataObject): IDataObject[];
	/** Writes sent many entries per request: how items become entries and answers results. */
	batching?: Batching;
}

/** One page as a list operation reads it: its entries and, for cursor paging, the next cursor. */
export interface Page {
	entries: IDataObject[];
	/** The cursor to ask for the next page with (cursor paging only). */
	cursor?: unknown;
}

/**
 * How one list endpoint pages, as its page documents it; the one paging loop, and when it stops,
 * is transport/paging.ts.
 */
export interface Pager {
	/**
	 * The page size to ask for, constant over the pages of one item, given the item's limit
	 * (undefined: Return All). Undefined means the endpoint answers everything at once.
	 */
	pageSize(limit: number | undefined): number | undefined;
	/** The body of one page: `index` counts from 1; `cursor` is what the previous page returned. */
	pageBody(
		body: IDataObject,
		page: { index: number; size: number | undefined; cursor: unknown },
	): IDataObject;
	/** The entries of one page's `Data`, and the next cursor. */
	readPage(data: unknown): Page;
	/** What identifies an entry, to recognise a page served twice (e.g. the PICMID of a coupon). */
	entryKey?(entry: IDataObject): unknown;
	/**
	 * The endpoint answers a page with nothing on it as a refusal meaning "no data"
	 * (transport/answers.ts): the list ends there, it is not an error.
	 */
	endsOnNoData?: boolean;
}

/** An operation computed inside n8n, with no request (building a sign-in address). */
export interface LocalOperation extends OperationBase {
	kind: 'local';
	run(parameters: ItemParameters, credentials: PublicCredentials): IDataObject;
}

export type MallcooOperation = ApiOperation | LocalOperation;

/**
 * How a `confirm` write is checked after a lost answer: reads whose `Data` (null where Mallcoo
 * says "not found") tell whether the write took effect.
 */
export interface Confirmation {
	checks(request: MallcooRequest): MallcooRequest[];
	/** True: applied; false: not applied; undefined: the answers cannot tell. */
	applied(found: Array<IDataObject | null>): boolean | undefined;
	/** Mallcoo applies the write later: a change not shown yet is looked for again. */
	asynchronous?: boolean;
	/** The check in words, for outputs and errors: "a member lookup by 13800000001". */
	describe(request: MallcooRequest): string;
}
