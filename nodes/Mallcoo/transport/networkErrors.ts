import type { TransportSettings } from './settings';
import type { AttemptFailure } from './envelope';

/** Errors where the request surely never reached the platform: safe to resend any write. */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

function errorCode(error: unknown): string | undefined {
	for (
		let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
		current && depth < 5;
		depth++
	) {
		if (typeof current.code === 'string' && current.code !== '') return current.code;
		current = current.cause as typeof current;
	}
	return undefined;
}

export function describeNetworkError(error: Error, settings: TransportSettings): AttemptFailure {
	const code = errorCode(error);
	const text = `${error.message} ${(error.cause as Error | undefined)?.message ?? ''}`;
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(text)) {
		return {
			message: `No answer from Mallcoo within ${settings.timeoutMs} ms`,
			description:
				'The request timed out. Raise "Timeout" in the node options if the platform is slow.',
			transient: true,
			notProcessed: false,
		};
	}
	const notSent = code !== undefined && NOT_SENT_CODES.has(code);
	const reason = code ?? error.message;
	return notSent
		? {
				message: `Could not connect to Mallcoo at ${settings.baseUrl} (${reason})`,
				description:
					'Check the API Base URL in the Mallcoo credential and the network of the n8n server.',
				transient: true,
				notProcessed: true,
			}
		: {
				message: `The connection to Mallcoo broke before an answer arrived (${reason})`,
				transient: true,
				notProcessed: false,
			};
}
