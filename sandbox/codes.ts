/**
 * Envelope codes the sandbox answers with (the table with explanations is in sandbox/README.md
 * and at the top of server.ts). The platform publishes no general error-code page
 * (https://docs.mallcoo.cn/open/api/User.html lists none); apart from the parking codes below,
 * these are the sandbox's own, and the credential's test rules
 * (credentials/MallcooApi.credentials.ts) rely on 1001-1005.
 */
export const SANDBOX_CODES = {
	SUCCESS: 1,
	/**
	 * Parking only, documented on https://docs.mallcoo.cn/open/api/Park.html ("重要状态码说明"):
	 * 2 参数异常,请检查参数格式是否正确 (parameter error). The parking endpoints answer 2 where the
	 * others answer 2001.
	 */
	PARKING_BAD_PARAMETER: 2,
	/** Parking only, documented there too: 1101 没有找到相关车场,请检查ParkCode是否正确 (car park not found). */
	PARKING_NOT_FOUND: 1101,
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
	/**
	 * The sandbox's assumption: a TransID already used in this app (points Plus/Subtract share one
	 * namespace; consumption reports have their own). https://docs.mallcoo.cn/open/api/Score.html
	 * says only "当前应用下不得重复" (must not repeat within the app) and
	 * https://docs.mallcoo.cn/open/api/Consume.html "唯一订单ID"; neither names the code a repeat
	 * gets. The repeat is refused and changes nothing.
	 */
	DUPLICATE_TRANS_ID: 3006,
	/** The sandbox's assumption: a deduction larger than the member's points balance (nothing changes). */
	INSUFFICIENT_POINTS: 3007,
	/** The sandbox's assumption: McShopID / CrmShopID / DevShopID names no shop of the mall. */
	NOT_FOUND_SHOP: 3008,
	/**
	 * The sandbox's assumption: GetCarLocation for a plate with no entry. The Park page documents
	 * 1101 only for an unknown ParkCode, which GetCarLocation does not take.
	 */
	NOT_FOUND_CAR: 3009,
	NO_SUCH_API: 404,
	METHOD_NOT_ALLOWED: 405,
	/** HTTP 429 with Retry-After: the sandbox's rate limit (setRateLimit), or an injected http429. */
	RATE_LIMITED: 429,
	SANDBOX_ERROR: 500,
} as const;

export type SandboxCode = (typeof SANDBOX_CODES)[keyof typeof SANDBOX_CODES];

/**
 * How a repeated TransID is recognised (an assumption of the sandbox, see DUPLICATE_TRANS_ID):
 * Code 3006 and a Message containing "TransID" and "重复". Exported so that the node can document
 * what it treats as "already applied" and tests can assert it.
 */
export const DUPLICATE_TRANS_ID = Object.freeze({
	code: SANDBOX_CODES.DUPLICATE_TRANS_ID,
	message: 'TransID 重复,当前应用下不得重复 (TransID already used in this app)',
});

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
