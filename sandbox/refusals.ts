/**
 * Every refusal the sandbox gives, defined once by what it means, with the Code and Message each
 * dialect answers it with. The platform publishes no general error-code page
 * (https://docs.mallcoo.cn/open/api/User.html lists none), so apart from the parking codes of
 * https://docs.mallcoo.cn/open/api/Park.html the codes are the sandbox's own. A dialect is a
 * column: the same situations, other numbers and other wordings, so that a client can be proven
 * to read answers by meaning rather than by one table of numbers.
 *
 * `classic` is the sandbox's long-standing table (the default); `alt` answers every refusal with
 * other numbers and wordings of the kinds the platform uses; `english` with a third set of
 * numbers and English wordings only, which no table of a client lists. The parking codes the Park
 * page documents (2, 1101) are the same in every dialect.
 *
 * `{detail}` in a message is replaced by what the refusal names (a parameter, a header, a shop).
 */

export const DIALECTS = ['classic', 'alt', 'english'] as const;
export type Dialect = (typeof DIALECTS)[number];
export const DEFAULT_DIALECT: Dialect = 'classic';

export interface Wording {
	code: number;
	message: string;
}

/** One meaning, answered per dialect; `status` is the HTTP status (200 unless said). */
export type RefusalEntry = { status?: number } & Record<Dialect, Wording>;

export const REFUSALS = {
	/** A public header (AppID, PublicKey, TimeStamp, Sign) missing or empty; detail: its name. */
	missingHeader: {
		classic: { code: 1001, message: '缺少公共参数 {detail} (missing header {detail})' },
		alt: { code: 40100, message: '请求头缺少参数:{detail}' },
		english: { code: 7101, message: 'Missing required header: {detail}' },
	},
	unknownAppId: {
		classic: { code: 1002, message: 'AppID 不存在 (unknown AppID)' },
		alt: { code: 40103, message: 'AppID不存在,请检查应用配置' },
		english: { code: 7102, message: 'Invalid AppID: no such application' },
	},
	wrongPublicKey: {
		classic: { code: 1003, message: 'PublicKey 错误 (PublicKey does not belong to this AppID)' },
		alt: { code: 40105, message: '公钥错误 (PublicKey invalid)' },
		english: { code: 7103, message: 'Public key does not match the application' },
	},
	/** TimeStamp not `yyyyMMddHHmmss`. */
	badTimeStamp: {
		classic: {
			code: 1004,
			message:
				'TimeStamp 格式错误,应为 yyyyMMddHHmmss (TimeStamp must be yyyyMMddHHmmss, China time)',
		},
		alt: { code: 40107, message: '时间戳格式不正确 (TimeStamp format)' },
		english: { code: 7104, message: 'Malformed request timestamp' },
	},
	/** TimeStamp too far from China time, either way; detail: the tolerance in seconds. */
	staleTimeStamp: {
		classic: {
			code: 1004,
			message: 'TimeStamp 已过期 (TimeStamp more than {detail} s from China time)',
		},
		alt: { code: 40108, message: '时间戳过期,请校准服务器时间' },
		english: { code: 7105, message: 'Request timestamp outside the allowed window ({detail} s)' },
	},
	/** Sign ≠ mallcooSign(PublicKey, TimeStamp, raw body as received, PrivateKey). */
	badSign: {
		classic: { code: 1005, message: '签名错误 (Sign mismatch)' },
		alt: { code: 40111, message: '签名验证失败 (signature verification failed)' },
		english: { code: 7106, message: 'Signature check failed' },
	},
	/** Body not a JSON object, a parameter missing or of the wrong type; detail: which and why. */
	parameter: {
		classic: { code: 2001, message: '参数错误:{detail}' },
		alt: { code: 5002, message: '缺少参数或参数格式不正确 ({detail})' },
		english: { code: 7201, message: 'Invalid request parameter: {detail}' },
	},
	/** The parking pages' own parameter error (documented: 2, every dialect); detail: the parameter error. */
	parkingParameter: {
		classic: { code: 2, message: '参数异常,请检查参数格式是否正确 (parameter error): {detail}' },
		alt: { code: 2, message: '参数异常,请检查参数格式是否正确: {detail}' },
		english: { code: 2, message: 'Parameter error, check the parameter format: {detail}' },
	},
	/** EnterInfoNotify with an unknown ParkCode (documented: 1101, every dialect). */
	carParkNotFound: {
		classic: {
			code: 1101,
			message: '没有找到相关车场,请检查ParkCode是否正确 (car park not found)',
		},
		alt: { code: 1101, message: '没有找到相关车场,请检查ParkCode是否正确' },
		english: { code: 1101, message: 'Car park not found, check the ParkCode' },
	},
	/** No registered user with that identifier. */
	userNotFound: {
		classic: { code: 3001, message: '用户不存在 (user not found)' },
		alt: { code: 5102, message: '未找到该用户' },
		english: { code: 7301, message: 'User does not exist' },
	},
	/** No member (a user holding a card) with that identifier. */
	memberNotFound: {
		classic: { code: 3001, message: '会员不存在 (member not found)' },
		alt: { code: 5101, message: '无此会员' },
		english: { code: 7302, message: 'No such member' },
	},
	/** No card with that MallCardNo. */
	cardNotFound: {
		classic: { code: 3001, message: '会员不存在 (member not found)' },
		alt: { code: 5103, message: '会员卡不存在 (card not found)' },
		english: { code: 7303, message: 'Membership card does not exist' },
	},
	ticketInvalid: {
		classic: { code: 3002, message: 'Ticket 无效或已过期 (Ticket invalid or expired)' },
		alt: { code: 40201, message: 'Ticket无效或已过期' },
		english: { code: 7401, message: 'Ticket is invalid or has expired' },
	},
	userTokenInvalid: {
		classic: { code: 3003, message: 'UserToken 无效或已过期 (UserToken invalid)' },
		alt: { code: 40202, message: '用户凭证UserToken已失效' },
		english: { code: 7402, message: 'UserToken is invalid or has expired' },
	},
	/** Opening a card for a mobile that already holds one. */
	alreadyMember: {
		classic: { code: 3004, message: '该手机号已注册会员 (mobile already registered)' },
		alt: { code: 5201, message: '已是会员,请勿重复开卡' },
		english: { code: 7501, message: 'This mobile is already a member' },
	},
	/** Changing a member's mobile to one another user has. */
	mobileRegistered: {
		classic: { code: 3004, message: '新手机号已注册 (new mobile already registered)' },
		alt: { code: 5202, message: '手机号已注册' },
		english: { code: 7502, message: 'The new mobile number is already registered' },
	},
	thirdPartyCardNotFound: {
		classic: { code: 3005, message: '第三方会员ID不存在 (ThirdPartyCardID not found)' },
		alt: { code: 5104, message: '未找到该第三方会员卡 (ThirdPartyCardID)' },
		english: { code: 7304, message: 'Third-party card ID not found' },
	},
	/**
	 * A TransID already used in this app (points Plus/Subtract share one namespace; consumption
	 * reports have their own); nothing is applied. https://docs.mallcoo.cn/open/api/Score.html says
	 * only "当前应用下不得重复", https://docs.mallcoo.cn/open/api/Consume.html "唯一订单ID"; neither
	 * names the code a repeat gets.
	 */
	duplicateTransId: {
		classic: {
			code: 3006,
			message: 'TransID 重复,当前应用下不得重复 (TransID already used in this app)',
		},
		alt: { code: 5301, message: '交易号重复 (TransID已存在)' },
		english: { code: 7601, message: 'Duplicate transaction ID' },
	},
	/** A deduction larger than the balance (nothing changes); detail: balance and deduction. */
	insufficientPoints: {
		classic: { code: 3007, message: '积分不足 (not enough points: {detail})' },
		alt: { code: 5302, message: '积分不足,扣减失败 ({detail})' },
		english: { code: 7602, message: 'Insufficient points ({detail})' },
	},
	/** McShopID / CrmShopID / DevShopID names no shop of the mall; detail: which. */
	shopNotFound: {
		classic: { code: 3008, message: '商户不存在 (no shop with {detail})' },
		alt: { code: 5105, message: '未找到商户 ({detail})' },
		english: { code: 7305, message: 'Shop not found ({detail})' },
	},
	/** GetCarLocation for a plate with no entry (1101 is documented only for an unknown ParkCode). */
	carNotFound: {
		classic: { code: 3009, message: '未找到该车辆 (no car with this plate)' },
		alt: { code: 5106, message: '未查询到车辆信息' },
		english: { code: 7306, message: 'No vehicle found for this plate' },
	},
	/** Pay Order/Sync for an OrderID Order/Add never gave (no code is documented); detail: the ID. */
	orderNotFound: {
		classic: { code: 3010, message: '订单不存在 (no order {detail})' },
		alt: { code: 5107, message: '未找到订单 ({detail})' },
		english: { code: 7307, message: 'Order not found: {detail}' },
	},
	/** Activity GetDetail for an ActivityID the mall does not have (no code is known); detail: the ID. */
	activityNotFound: {
		classic: { code: 3011, message: '活动不存在 (no activity {detail})' },
		alt: { code: 5108, message: '未找到该活动 ({detail})' },
		english: { code: 7308, message: 'No such activity: {detail}' },
	},
	/**
	 * A usable-coupon page with nothing on it: public client code of Coupon/v1/GetCanUse treats
	 * Code 6 暂无数据 as an empty list, so 6 is kept in every dialect, like the documented codes.
	 */
	noData: {
		classic: { code: 6, message: '暂无数据 (no data)' },
		alt: { code: 6, message: '暂无数据' },
		english: { code: 6, message: 'No data' },
	},
	/** Above the rate limit: HTTP 429 with Retry-After. */
	rateLimited: {
		status: 429,
		classic: { code: 429, message: '请求过于频繁,请稍后再试 (too many requests)' },
		alt: { code: 40429, message: '请求过于频繁 (rate limit exceeded)' },
		english: { code: 7429, message: 'Rate limit exceeded, retry later' },
	},
} as const satisfies Record<string, RefusalEntry>;

export type RefusalKind = keyof typeof REFUSALS;

/** A refusal by meaning; the server words it in the dialect in force when it answers. */
export class Refusal extends Error {
	constructor(
		readonly kind: RefusalKind,
		readonly detail?: string | Refusal,
	) {
		super(kind);
	}
}

export function isDialect(value: unknown): value is Dialect {
	return typeof value === 'string' && (DIALECTS as readonly string[]).includes(value);
}

/** The envelope Code and Message of `refusal` in `dialect`, with its HTTP status. */
export function word(
	refusal: Refusal,
	dialect: Dialect,
): { status: number; code: number; message: string } {
	const entry: RefusalEntry = REFUSALS[refusal.kind];
	const { code, message } = entry[dialect];
	const detail =
		refusal.detail instanceof Refusal ? word(refusal.detail, dialect).message : refusal.detail;
	return {
		status: entry.status ?? 200,
		code,
		message: message.replaceAll('{detail}', detail ?? ''),
	};
}

/** A parameter error naming the parameter, as the platform's messages do. */
export function parameterError(
	name: string,
	problem = '缺失或类型错误 (missing or wrong type)',
): Refusal {
	return new Refusal('parameter', `${name} ${problem}`);
}

const classic = (kind: RefusalKind) => REFUSALS[kind].classic.code;

/**
 * The classic dialect's codes by name, for tests and the node's documentation; 404, 405 and 500
 * are HTTP-level answers that every dialect gives alike.
 */
export const SANDBOX_CODES = {
	SUCCESS: 1,
	PARKING_BAD_PARAMETER: classic('parkingParameter'),
	PARKING_NOT_FOUND: classic('carParkNotFound'),
	MISSING_HEADER: classic('missingHeader'),
	UNKNOWN_APP_ID: classic('unknownAppId'),
	WRONG_PUBLIC_KEY: classic('wrongPublicKey'),
	BAD_TIMESTAMP: classic('badTimeStamp'),
	BAD_SIGN: classic('badSign'),
	BAD_PARAMETER: classic('parameter'),
	NOT_FOUND_MEMBER: classic('memberNotFound'),
	BAD_TICKET: classic('ticketInvalid'),
	BAD_USER_TOKEN: classic('userTokenInvalid'),
	MOBILE_TAKEN: classic('alreadyMember'),
	NOT_FOUND_THIRD_PARTY_CARD: classic('thirdPartyCardNotFound'),
	DUPLICATE_TRANS_ID: classic('duplicateTransId'),
	INSUFFICIENT_POINTS: classic('insufficientPoints'),
	NOT_FOUND_SHOP: classic('shopNotFound'),
	NOT_FOUND_CAR: classic('carNotFound'),
	NO_SUCH_API: 404,
	METHOD_NOT_ALLOWED: 405,
	RATE_LIMITED: classic('rateLimited'),
	SANDBOX_ERROR: 500,
} as const;

/** How every dialect answers "no data" (Code 6), as public client code reads it. */
export const NO_DATA = Object.freeze({ ...REFUSALS.noData.classic });

/** How the classic dialect answers a repeated TransID (Code 3006, a Message with "TransID" and "重复"). */
export const DUPLICATE_TRANS_ID = Object.freeze({ ...REFUSALS.duplicateTransId.classic });
