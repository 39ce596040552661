/**
 * Envelope codes the sandbox answers with (the table with explanations is at the top of server.ts).
 * The platform does not publish its error codes; these are the sandbox's, and the credential's
 * test rules (credentials/MallcooApi.credentials.ts) rely on 1001-1005.
 */
export const SANDBOX_CODES = {
	SUCCESS: 1,
	MISSING_HEADER: 1001,
	UNKNOWN_APP_ID: 1002,
	WRONG_PUBLIC_KEY: 1003,
	BAD_TIMESTAMP: 1004,
	BAD_SIGN: 1005,
	BAD_PARAMETER: 2001,
	NOT_FOUND_MEMBER: 3001,
	BAD_TICKET: 3002,
	BAD_USER_TOKEN: 3003,
	MOBILE_TAKEN: 3004,
	NOT_FOUND_THIRD_PARTY_CARD: 3005,
	NO_SUCH_API: 404,
	METHOD_NOT_ALLOWED: 405,
	SANDBOX_ERROR: 500,
} as const;

export type SandboxCode = (typeof SANDBOX_CODES)[keyof typeof SANDBOX_CODES];

/** A business or protocol refusal: becomes `{Code, Message}` with HTTP 200 (404/405/500 aside). */
export class ApiError extends Error {
	constructor(
		readonly code: number,
		message: string,
	) {
		super(message);
	}
}

/** 2001 naming the parameter, as the platform's messages do. */
export function parameterError(
	name: string,
	problem = '缺失或类型错误 (missing or wrong type)',
): ApiError {
	return new ApiError(SANDBOX_CODES.BAD_PARAMETER, `参数错误:${name} ${problem}`);
}
