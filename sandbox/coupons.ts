/**
 * Sending coupons to members and reading the coupons a member can use. No recovered official
 * page documents these endpoints: paths, body keys and answer fields are those public client
 * code uses (docs/mallcoo-protocol.md, "Coupons to members"). What the code does not show is the
 * sandbox's own choice, marked "assumption" below and in sandbox/README.md:
 * - at most MAX_SEND_ENTRIES entries per `UserList`;
 * - a TraceID that already gave a coupon is refused per entry (no second coupon); a refused entry
 *   does not use up its TraceID;
 * - the failure reasons' wording, the coupon codes' form, `CouponID` as the MinID cursor;
 * - Code 6 暂无数据 (no data) for a usable-coupon page with nothing on it, as one client treats it.
 */
import { chinaDateTime } from '../credentials/chinaTime';
import { ApiError, parameterError, SANDBOX_CODES } from './codes';
import { WRITES } from './counters';
import type { Endpoint, EndpointContext } from './endpoints';
import type { CouponPutIn } from './mall';
import { optionalInteger, requiredString, type Body } from './params';
import type { Member } from './store';

/** Assumption: the clients seen send up to a few hundred; the sandbox takes 100 per request. */
export const MAX_SEND_ENTRIES = 100;
/** Assumption: one client pads TraceID to 20 characters; the sandbox accepts up to 64. */
export const MAX_TRACE_ID_LENGTH = 64;
/** Assumption: the usable-coupon list takes PageSize up to 1000 (a client asks for 1000). */
export const MAX_USABLE_PAGE_SIZE = 1000;
/** "No data": a client of GetCanUse treats Code 6 as an empty list (暂无数据). */
export const NO_DATA = Object.freeze({ code: 6, message: '暂无数据 (no data)' });

/** Why an entry of a send got no coupon: the FailReason of its answer entry. */
export const FAIL_REASONS = Object.freeze({
	traceIdUsed: 'TraceID 已使用,不重复发券 (TraceID already used: no second coupon)',
	noPutIn: '投放不存在 (no such put-in)',
	noMember: '用户不存在 (unknown member)',
	noStock: '库存不足 (no stock left)',
	limitReached: '已达每人最多领取数量 (per-person limit reached)',
});

/** One coupon given to a member. */
export interface IssuedCoupon {
	CouponID: number;
	VCode: string;
	PICMID: string;
	TraceID: string;
	BussinessID: string | null;
	Mobile: string;
	OpenUserID: string;
	CouponName: string;
	CouponType: number;
	EnableTime: string;
	OverdueTime: string;
	InsteadMoney?: number;
	InsteadTime?: number;
}

/** What tests may read and set: the coupons given, and a put-in's stock. */
export interface CouponView {
	issued(): IssuedCoupon[];
	/** Sets a put-in's remaining stock (StoreOverCount), e.g. to send to 1,000 members. */
	setStock(picmId: string, remaining: number): void;
	/** Makes a put-in's per-person limit unlimited, or `perPerson` coupons each. */
	setPerPersonLimit(picmId: string, perPerson: number | 'unlimited'): void;
}

/** The template behind a put-in: the seed gives each one a name, a kind and a value. */
function templateOf(putIn: CouponPutIn) {
	const i = Number(putIn.PICMID.replace(/\D/g, ''));
	// CouponType 5 is the parking coupon one client asks for (InsteadTime in minutes).
	if (i % 4 === 0) return { CouponName: `停车券 ${i % 3 === 0 ? 3 : 2} 小时`, CouponType: 5 };
	return { CouponName: `满${(i % 5) * 100 + 100}减${(i % 5) * 20 + 20}代金券`, CouponType: 1 };
}

const slashed = (instant: number) => chinaDateTime(instant).replace(/-/g, '/');
const DAY_MS = 24 * 60 * 60 * 1000;

export class CouponDesk implements CouponView {
	private readonly coupons: IssuedCoupon[] = [];
	private readonly byTraceId = new Map<string, IssuedCoupon>();
	/** `${OpenUserID}|${PICMID}` → coupons given. */
	private readonly perPerson = new Map<string, number>();

	constructor(private readonly putIns: CouponPutIn[]) {}

	issued = () => structuredClone(this.coupons);

	private putIn(picmId: string): CouponPutIn {
		const putIn = this.putIns.find((candidate) => candidate.PICMID === picmId);
		if (!putIn) throw new RangeError(`no put-in ${picmId}`);
		return putIn;
	}

	setStock(picmId: string, remaining: number): void {
		const putIn = this.putIn(picmId);
		putIn.StoreOverCount = remaining;
		putIn.StoreCount = Math.max(putIn.StoreCount, remaining);
	}

	setPerPersonLimit(picmId: string, perPerson: number | 'unlimited'): void {
		const putIn = this.putIn(picmId);
		putIn.IsEPMaxGetInfinite = perPerson === 'unlimited';
		putIn.EPMaxGet = perPerson === 'unlimited' ? 0 : perPerson;
	}

	/** One entry of a send: a coupon, or the reason there is none. Nothing changes on a refusal. */
	give(
		entry: { TraceID: string; PICMID: string; BussinessID: string | null },
		member: Member | undefined,
		ctx: EndpointContext,
	): { VCode: string } | { FailReason: string } {
		if (this.byTraceId.has(entry.TraceID)) return { FailReason: FAIL_REASONS.traceIdUsed };
		const putIn = this.putIns.find((candidate) => candidate.PICMID === entry.PICMID);
		if (!putIn) return { FailReason: FAIL_REASONS.noPutIn };
		if (!member) return { FailReason: FAIL_REASONS.noMember };
		if (putIn.StoreOverCount <= 0) return { FailReason: FAIL_REASONS.noStock };
		const personKey = `${member.OpenUserID}|${putIn.PICMID}`;
		const had = this.perPerson.get(personKey) ?? 0;
		if (!putIn.IsEPMaxGetInfinite && had >= putIn.EPMaxGet)
			return { FailReason: `${FAIL_REASONS.limitReached}: ${putIn.EPMaxGet}` };

		putIn.StoreOverCount -= 1;
		this.perPerson.set(personKey, had + 1);
		const id = this.coupons.length + 1;
		const template = templateOf(putIn);
		const coupon: IssuedCoupon = {
			CouponID: id,
			VCode: String(810000000000 + id),
			PICMID: putIn.PICMID,
			TraceID: entry.TraceID,
			BussinessID: entry.BussinessID,
			Mobile: member.Mobile,
			OpenUserID: member.OpenUserID,
			...template,
			EnableTime: slashed(ctx.now),
			OverdueTime: slashed(ctx.now + 30 * DAY_MS),
			...(template.CouponType === 5
				? { InsteadTime: template.CouponName.includes('3') ? 180 : 120 }
				: { InsteadMoney: Number(/减(\d+)/.exec(template.CouponName)![1]) }),
		};
		this.coupons.push(coupon);
		this.byTraceId.set(entry.TraceID, coupon);
		ctx.store.applied.add(WRITES.couponSend, entry.TraceID);
		return { VCode: coupon.VCode };
	}

	/** The coupons a member holds that have not expired, by CouponID. */
	usableBy(mobile: string, now: number): IssuedCoupon[] {
		const today = slashed(now);
		return this.coupons.filter((c) => c.Mobile === mobile && c.OverdueTime >= today);
	}
}

type SendKey = 'Mobile' | 'OpenUserID';

interface SendEntry {
	BussinessID: string | null;
	TraceID: string;
	PICMID: string;
	member: string;
}

/** Every entry is checked before any is applied: a malformed list gives no coupon to anyone. */
function readUserList(body: Body, key: SendKey): SendEntry[] {
	const list = body.UserList;
	if (!Array.isArray(list) || list.length === 0)
		throw parameterError('UserList', '必须是非空数组 (must be a non-empty list)');
	if (list.length > MAX_SEND_ENTRIES)
		throw parameterError('UserList', `最多${MAX_SEND_ENTRIES}条 (at most ${MAX_SEND_ENTRIES})`);
	return list.map((item, index) => {
		if (!item || typeof item !== 'object' || Array.isArray(item))
			throw parameterError(`UserList[${index}]`, '必须是对象 (must be an object)');
		const entry = item as Body;
		const at = (name: string) => `UserList[${index}].${name}`;
		const text = (name: string) => {
			try {
				return requiredString(entry, name);
			} catch {
				throw parameterError(at(name));
			}
		};
		const business = entry.BussinessID;
		if (business !== undefined && business !== null && typeof business !== 'string')
			throw parameterError(at('BussinessID'), '必须是字符串 (must be a string)');
		const traceId = text('TraceID');
		if ([...traceId].length > MAX_TRACE_ID_LENGTH)
			throw parameterError(at('TraceID'), `最长${MAX_TRACE_ID_LENGTH}位 (too long)`);
		return {
			BussinessID: business === '' || business === undefined ? null : (business as string | null),
			TraceID: traceId,
			PICMID: text('PICMID'),
			member: text(key),
		};
	});
}

function send(key: SendKey): Endpoint['handle'] {
	return (body, ctx) =>
		readUserList(body, key).map((entry) => {
			const result = ctx.mall.coupons.give(entry, ctx.store.find(key, entry.member), ctx);
			return {
				IsSuccess: 'VCode' in result,
				FailReason: 'FailReason' in result ? result.FailReason : null,
				VCode: 'VCode' in result ? result.VCode : null,
				PICMID: entry.PICMID,
				TraceID: entry.TraceID,
			};
		});
}

export const COUPON_ENDPOINTS: Endpoint[] = [
	{ path: '/Coupon/v1/Send/ByMobile/', title: '发券(手机号)', handle: send('Mobile') },
	{ path: '/Coupon/v1/Send/ByOpenUserID/', title: '发券(OpenUserID)', handle: send('OpenUserID') },
	{
		path: '/Coupon/v2/Send/ByOpenUserID/',
		title: '发券V2(OpenUserID)',
		handle: send('OpenUserID'),
	},
	{
		path: '/Coupon/v1/GetCanUse/ByMobile/',
		title: '获取用户可用券(手机号)',
		handle(body, ctx) {
			const mobile = requiredString(body, 'Mobile');
			const couponType = optionalInteger(body, 'CouponType');
			const pageSize = optionalInteger(body, 'PageSize') ?? 20;
			if (pageSize < 1 || pageSize > MAX_USABLE_PAGE_SIZE)
				throw parameterError('PageSize', `1..${MAX_USABLE_PAGE_SIZE}`);
			// MinID is text ("0") in one client and a number in another: both are taken.
			const minId = Number(body.MinID ?? 0);
			if (!Number.isSafeInteger(minId) || minId < 0)
				throw parameterError('MinID', '必须是非负整数 (must be a whole number >= 0)');
			if (!ctx.store.find('Mobile', mobile))
				throw new ApiError(SANDBOX_CODES.NOT_FOUND_MEMBER, '会员不存在 (member not found)');
			const usable = ctx.mall.coupons
				.usableBy(mobile, ctx.now)
				.filter((c) => couponType === undefined || c.CouponType === couponType);
			const page = usable.filter((c) => c.CouponID > minId).slice(0, pageSize);
			if (page.length === 0) throw new ApiError(NO_DATA.code, NO_DATA.message);
			return {
				Count: usable.length,
				CouponInfoList: page.map((c) => ({
					CouponID: c.CouponID,
					VCode: c.VCode,
					CouponName: c.CouponName,
					CouponType: c.CouponType,
					EnableTime: c.EnableTime,
					OverdueTime: c.OverdueTime,
					...(c.InsteadMoney !== undefined ? { InsteadMoney: c.InsteadMoney } : {}),
					...(c.InsteadTime !== undefined ? { InsteadTime: c.InsteadTime } : {}),
				})),
			};
		},
	},
];

/** The control API's put-in set-up (control.ts): stock and per-person limit, for the bench and e2e. */
export function setUpPutIn(coupons: CouponView, body: Body): Body {
	const picmId = body.PICMID;
	if (typeof picmId !== 'string')
		throw new TypeError('expected {"PICMID": "...", "stock"?, "perPerson"?}');
	const { stock, perPerson } = body;
	if (stock !== undefined) {
		if (!Number.isSafeInteger(stock) || (stock as number) < 0)
			throw new RangeError('stock must be a whole number >= 0');
		coupons.setStock(picmId, stock as number);
	}
	if (perPerson !== undefined) {
		if (
			perPerson !== 'unlimited' &&
			(!Number.isSafeInteger(perPerson) || (perPerson as number) < 1)
		)
			throw new RangeError('perPerson must be a whole number >= 1 or "unlimited"');
		coupons.setPerPersonLimit(picmId, perPerson as number | 'unlimited');
	}
	return { PICMID: picmId, stock: stock ?? null, perPerson: perPerson ?? null };
}
