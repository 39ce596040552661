/**
 * What a Mallcoo answer means: the one table the node, the trigger and the credential's Test read
 * answers by. The platform publishes no error-code page (docs/mallcoo-protocol.md), so a refusal
 * is recognised by the few codes that have a published meaning, and otherwise by what its Message
 * says, in Chinese or English. An answer nothing here places is `unknown`: never taken as "not
 * found", "already applied" or "accepted". README.md ("What Mallcoo's answers mean") lists this table.
 */

export type AnswerKind =
	| 'success'
	/** The request's identity was refused: `about` says which part. */
	| 'identityRejected'
	| 'parameterError'
	/** `about` says what was not found. */
	| 'notFound'
	/** Card opening for a member, or a mobile change to a mobile another user has: `about` says which. */
	| 'alreadyRegistered'
	| 'repeatedTransaction'
	| 'insufficientPoints'
	| 'rateLimited'
	/** The shopper's sign-in ticket was refused (invalid, expired or used). */
	| 'ticketRefused'
	/** The shopper's UserToken was refused. */
	| 'userTokenRefused'
	| 'unknown';

/** Which part of the identity Mallcoo refused. */
export type IdentityPart = 'headers' | 'appId' | 'publicKey' | 'timeStamp' | 'sign';

export interface Meaning {
	kind: AnswerKind;
	/** identityRejected: an IdentityPart; notFound: what was missing; alreadyRegistered: member or mobile. */
	about?: string;
	/** How it was recognised: a code with a published meaning, the Message's wording, the HTTP status. */
	by: 'code' | 'wording' | 'status' | 'none';
}

/** What an answer carries that tells its meaning; `path` scopes codes published for one endpoint. */
export interface Answer {
	status?: number;
	code?: unknown;
	message?: unknown;
	path?: string;
}

interface CodeEntry {
	code: number;
	kind: AnswerKind;
	about?: string;
	/** The endpoints the code was published for; elsewhere it says nothing. */
	paths?: RegExp;
}

/**
 * Codes with a published meaning. 1 on every page; 2 and 1101 on
 * https://docs.mallcoo.cn/open/api/Park.html; 307 and 6 only in public client code, each for
 * one endpoint, so only there.
 */
export const PUBLISHED_CODES: readonly CodeEntry[] = [
	{ code: 1, kind: 'success' },
	{ code: 2, kind: 'parameterError', paths: /^\/Parking\//i },
	{ code: 1101, kind: 'notFound', about: 'car park', paths: /^\/Parking\//i },
	{
		code: 307,
		kind: 'alreadyRegistered',
		about: 'member',
		paths: /^\/User\/MallCard\/v\d\/Open\//i,
	},
	{ code: 6, kind: 'notFound', about: 'data', paths: /^\/Coupon\/v\d\/GetCanUse\//i },
];

interface WordingEntry {
	kind: AnswerKind;
	about?: string;
	/** Every pattern must match the Message. */
	patterns: RegExp[];
}

/** Words of refusal or absence, shared by several subjects below. */
const REFUSED =
	/无效|过期|失效|错误|不正确|不匹配|不存在|未找到|已使用|非法|invalid|expired|wrong|incorrect|mismatch|not match|does not|unknown|refused|rejected|failed|not found|used/i;
const REPEATED =
	/重复|已存在|已使用|已被使用|duplicate|repeated|already (been )?(used|exists?|applied|processed)/i;
const ABSENT =
	/不存在|无此|未找到|找不到|没有找到|未查询到|查询不到|查无|暂无数据|无数据|not found|does ?n[o']t exist|not exist|no such|\bno\b.{0,30}\bfound\b/i;

/**
 * Meanings by wording, first match wins: the order settles overlaps ("AppID不存在" is an identity
 * refusal, not "not found"; "已是会员,请勿重复开卡" is "already a member", not a repeated transaction).
 */
export const WORDINGS: readonly WordingEntry[] = [
	{ kind: 'rateLimited', patterns: [/频繁|限流|rate.?limit|too many requests|throttl/i] },
	{
		kind: 'identityRejected',
		about: 'headers',
		patterns: [
			/(请求头|公共参数|header).{0,20}(缺少|缺失|为空|missing|empty|required)|(缺少|缺失|missing).{0,20}(请求头|公共参数|header)/i,
		],
	},
	{
		kind: 'identityRejected',
		about: 'sign',
		patterns: [/签名|验签|signature|\bsign\b(?![- ]?(in|up|on)\b)/i],
	},
	{
		kind: 'identityRejected',
		about: 'timeStamp',
		patterns: [/时间戳|time ?stamp|请求时间|clock/i],
	},
	{ kind: 'identityRejected', about: 'publicKey', patterns: [/公钥|public ?key/i] },
	{
		kind: 'identityRejected',
		about: 'appId',
		patterns: [/\bapp ?id\b|应用ID|应用标识|应用不存在/i],
	},
	{ kind: 'ticketRefused', patterns: [/ticket|票据/i, REFUSED] },
	{ kind: 'userTokenRefused', patterns: [/user ?token|用户凭证|用户令牌/i, REFUSED] },
	{
		kind: 'alreadyRegistered',
		about: 'member',
		patterns: [
			/已是会员|已经是会员|已注册会员|已开卡|already (a )?member|already (has|holds) a card/i,
		],
	},
	{
		kind: 'alreadyRegistered',
		about: 'mobile',
		patterns: [/已注册|已被注册|已被(使用|占用|绑定)|already (registered|in use|taken)/i],
	},
	{
		kind: 'repeatedTransaction',
		patterns: [
			/trans ?id|transaction|交易号|交易单号|交易流水|流水号|订单号|订单ID|事务ID|交易ID/i,
			REPEATED,
		],
	},
	{
		kind: 'insufficientPoints',
		patterns: [/积分不足|积分余额不足|insufficient points|not enough points/i],
	},
	{
		kind: 'parameterError',
		patterns: [/参数|格式|必填|parameter|format|is required|required field|missing/i],
	},
	{ kind: 'notFound', patterns: [ABSENT] },
];

/** What was not found, from the Message's subject; more specific subjects first. */
const SUBJECTS: ReadonlyArray<[string, RegExp]> = [
	['third-party card', /第三方|third.?party|crm/i],
	['car park', /车场|car ?park|parking lot/i],
	['car', /车辆|车牌|vehicle|plate|\bcar\b/i],
	['card', /会员卡|卡号|\bcard\b/i],
	['member', /会员|member/i],
	['user', /用户|\buser\b/i],
	['shop', /商户|商铺|店铺|门店|\bshop\b|merchant|store/i],
	['data', /数据|\bdata\b|记录|record/i],
];

const subjectOf = (message: string): string =>
	SUBJECTS.find(([, pattern]) => pattern.test(message))?.[0] ?? 'record';

/**
 * The meaning of one answer. An HTTP 429 is the rate limit; another HTTP error status is no
 * envelope of the API and stays `unknown` whatever its body says.
 */
export function meaningOf({ status, code, message, path }: Answer): Meaning {
	if (status === 429) return { kind: 'rateLimited', by: 'status' };
	if (status !== undefined && status >= 400) return { kind: 'unknown', by: 'none' };
	const number = Number(code);
	const published = PUBLISHED_CODES.find(
		(entry) =>
			entry.code === number && (!entry.paths || (path !== undefined && entry.paths.test(path))),
	);
	if (published) return { kind: published.kind, about: published.about, by: 'code' };
	const text = typeof message === 'string' ? message : '';
	const worded = text && WORDINGS.find((entry) => entry.patterns.every((p) => p.test(text)));
	if (!worded) return { kind: 'unknown', by: 'none' };
	const about = worded.kind === 'notFound' ? subjectOf(text) : worded.about;
	return { kind: worded.kind, ...(about ? { about } : {}), by: 'wording' };
}

/** What to check when Mallcoo refuses one part of the identity, in the user's words. */
export const IDENTITY_ADVICE: Readonly<Record<IdentityPart, string>> = {
	headers:
		'Mallcoo says a signed header is missing: check that the AppID and Public Key are filled in',
	appId: 'Mallcoo does not accept the AppID: check the AppID',
	publicKey: 'Mallcoo does not accept the Public Key for this AppID: check the Public Key',
	timeStamp:
		"Mallcoo refused the request time: check the n8n server's clock (Mallcoo allows a few minutes from China time)",
	sign: 'Mallcoo refused the signature: check the Private Key',
};

/** The advice for an identity refusal, or undefined for any other meaning. */
export const identityAdvice = (meaning: Meaning | undefined): string | undefined =>
	meaning?.kind === 'identityRejected'
		? IDENTITY_ADVICE[(meaning.about as IdentityPart) ?? 'sign']
		: undefined;
