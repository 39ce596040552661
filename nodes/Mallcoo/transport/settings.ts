import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { withoutTrailingSlashes } from '../helpers/values/address';
import { sharedBudget, type RequestBudget } from './schedule';

export const CREDENTIAL_TYPE = 'mallcooApi';

/** The credential's API Base URL without trailing slashes, so paths can be appended as they are. */
export const apiBaseUrlOf = (credentials: IDataObject): string =>
	withoutTrailingSlashes(String(credentials.baseUrl ?? ''));

/**
 * The request budget of the credential a node uses, shared by every run in this process that
 * uses it: the key names the credential and the API host, never its secrets.
 */
export function budgetOf(
	context: MallcooContext,
	credentials: IDataObject,
	perSecond?: number,
): RequestBudget {
	const id = context.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? '';
	return sharedBudget(
		`${id}|${String(credentials.appId ?? '')}|${apiBaseUrlOf(credentials)}`,
		perSecond,
	);
}

/** The node runs requests from execute() and its pickers; the OAuth trigger from its webhook. */
export type MallcooContext = IExecuteFunctions | IWebhookFunctions | ILoadOptionsFunctions;

export interface TransportSettings {
	baseUrl: string;
	/**
	 * The credential, decrypted once per run: without it n8n would load and decrypt it again for
	 * every request. The credential's `authenticate` still signs each request.
	 */
	credentials?: ICredentialsDecrypted;
	timeoutMs: number;
	/** Attempts in all, the first included: 1 means no retry. */
	maxAttempts: number;
	/** The first back-off; each retry doubles it, with jitter. */
	retryDelayMs: number;
	/** The credential's request budget in this process: every attempt, retries and checks included, takes a slot. */
	budget: RequestBudget;
}

/** Settings a caller may leave unset: the node's Options collection, or the trigger's own choices. */
export interface SettingsOptions {
	timeout?: unknown;
	maxAttempts?: unknown;
	retryDelay?: unknown;
	maxRequestsPerSecond?: unknown;
}

/**
 * The settings of one run, from the options it gives (anything unset or empty takes the
 * default), with the credential the run decrypted once for all its requests. `budget`, when
 * given, replaces the credential's shared one (which is then neither used nor changed).
 */
export function transportSettings(
	context: MallcooContext,
	credentials: ICredentialDataDecryptedObject,
	options: SettingsOptions,
	budget?: RequestBudget,
): TransportSettings & { credentials: ICredentialsDecrypted } {
	const setting = (name: keyof SettingsOptions, fallback: number) =>
		options[name] === undefined || options[name] === '' ? fallback : Number(options[name]);
	const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
	return {
		baseUrl: apiBaseUrlOf(credentials),
		credentials: {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: CREDENTIAL_TYPE,
			data: credentials,
		},
		timeoutMs: setting('timeout', 30000),
		maxAttempts: Math.max(1, setting('maxAttempts', 3)),
		retryDelayMs: setting('retryDelay', 500),
		budget: budget ?? budgetOf(context, credentials, setting('maxRequestsPerSecond', 0)),
	};
}
