import type { IDataObject } from 'n8n-workflow';

/**
 * Keys of Mallcoo's answers that hold a bearer value: whoever has one acts as the shopper (a
 * UserToken for 30 days). Matched by name, so a token field Mallcoo adds later is left out too.
 */
const BEARER_KEY = /token/i;

/**
 * The answer without its bearer values. n8n saves every execution's output in its database
 * (unless the workflow's settings say otherwise), and n8n 2.41 shows it in the execution list:
 * a token that is not in the output is not stored.
 */
export function withoutBearerValues(data: IDataObject): IDataObject {
	const kept: IDataObject = {};
	for (const [key, value] of Object.entries(data)) if (!BEARER_KEY.test(key)) kept[key] = value;
	return kept;
}

/** Shown beside the option that puts the token back into the output. */
export const INCLUDE_USER_TOKEN_NOTICE =
	"The shopper's UserToken (valid 30 days) is now in the output and in clear in every saved execution. Turn off saving successful executions in the workflow settings, or prune them often.";

export const INCLUDE_USER_TOKEN_DESCRIPTION =
	"Whether to output the shopper's UserToken (and any other token Mallcoo returns). Off: it is left out, so no saved execution holds it. Turn on only when a later node needs it, e.g. Member → Get by User Token.";
