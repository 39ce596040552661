import type { IDataObject, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';

/** One failed attempt, described well enough to decide on a retry and to tell the user. */
export interface AttemptFailure {
	message: string;
	description?: string;
	httpCode?: string;
	response?: JsonObject;
	/** Worth another attempt at all (network trouble, time-out, 429, 5xx). */
	transient: boolean;
	/** The platform cannot have acted on it (connection refused, 429). */
	notProcessed: boolean;
	retryAfterMs?: number;
}

/** An attempt either yields the platform's `Data` (any JSON: lists too) or says why it failed. */
export type AttemptResult = { ok: true; data: unknown } | { ok: false; failure: AttemptFailure };

export const failed = (failure: AttemptFailure): AttemptResult => ({ ok: false, failure });

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

function retryAfterMs(headers: IDataObject | undefined): number | undefined {
	const value = headers?.['retry-after'];
	const seconds = Number(value);
	return value !== undefined && Number.isFinite(seconds) && seconds >= 0
		? seconds * 1000
		: undefined;
}

/** The start of an answer, for error messages only. */
const snippetOf = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

/** Turns the platform's answer into its `Data`, or a failure that says what went wrong. */
export function readEnvelope(response: IN8nHttpFullResponse): AttemptResult {
	const status = response.statusCode;
	const text = typeof response.body === 'string' ? response.body : String(response.body ?? '');
	if (status === 429 || status >= 500) {
		const snippet = snippetOf(text);
		return failed({
			message:
				status === 429
					? 'Mallcoo is limiting the request rate (HTTP 429)'
					: `Mallcoo answered HTTP ${status}`,
			description:
				status === 429
					? 'Lower "Max Requests Per Second" or "Concurrency" in the node options.'
					: snippet || undefined,
			httpCode: String(status),
			transient: true,
			notProcessed: status === 429,
			retryAfterMs: retryAfterMs(response.headers as IDataObject),
		});
	}
	const envelope = parseJson(text);
	if (envelope === NOT_JSON) {
		const snippet = snippetOf(text);
		return failed({
			message: `Mallcoo's answer is not JSON (HTTP ${status})`,
			description: snippet ? `It began: ${snippet}` : 'The answer was empty.',
			httpCode: String(status),
			transient: false,
			notProcessed: false,
		});
	}
	const { Code, Message, Data } = (envelope ?? {}) as {
		Code?: unknown;
		Message?: unknown;
		Data?: unknown;
	};
	if (status >= 400 || Code === undefined) {
		return failed({
			message: `Mallcoo answered HTTP ${status}${typeof Message === 'string' ? `: ${Message}` : ''}`,
			description: snippetOf(text),
			httpCode: String(status),
			response: envelope as JsonObject,
			transient: false,
			notProcessed: false,
		});
	}
	if (Number(Code) !== 1) {
		return failed({
			message: `${typeof Message === 'string' && Message ? Message : 'Mallcoo reported a failure'} (Code ${String(Code)})`,
			description: `Mallcoo refused the request with Code ${String(Code)}: ${String(Message ?? '')}`,
			response: { Code, Message } as JsonObject,
			transient: false,
			notProcessed: false,
		});
	}
	return { ok: true, data: Data };
}

/** `Data` as an object, for operations whose `Data` is one (or absent). */
export const dataObject = (data: unknown): IDataObject | undefined =>
	data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : undefined;
