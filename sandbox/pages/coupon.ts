import { optionalInteger, optionalStringList, requiredString, type Body } from '../params';
import { parameterError, Refusal } from '../refusals';
import type { Endpoint } from './endpoint';
import { pageIndexed, positive } from './paging';

/**
 * Coupon put-ins: https://docs.mallcoo.cn/open/api/Coupon.html. Sending coupons and reading the
 * coupons a member can use: no recovered official page documents those; paths, body keys and
 * answer fields are those public client code uses (docs/mallcoo-protocol.md, "Coupons to
 * members"), the rest the sandbox's own choice, marked "assumption" (sandbox/README.md):
 * - at most MAX_SEND_ENTRIES entries per `UserList`, TraceID at most MAX_TRACE_ID_LENGTH long;
 * - `CouponID` as the MinID cursor of the usable-coupon list;
 * - `noData` (Code 6 暂无数据, as one client treats it) for a usable-coupon page with nothing on it.
 * The coupons themselves are kept by couponDesk.ts.
 */

/** Assumption: the clients seen send up to a few hundred; the sandbox takes 100 per request. */
export const MAX_SEND_ENTRIES = 100;
/** Assumption: one client pads TraceID to 20 characters; the sandbox accepts up to 64. */
export const MAX_TRACE_ID_LENGTH = 64;
/** Assumption: the usable-coupon list takes PageSize up to 1000 (a client asks for 1000). */
export const MAX_USABLE_PAGE_SIZE = 1000;

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
			const member = ctx.store.find(key, entry.member);
			const result = ctx.mall.coupons.give(entry, member, ctx.now, ctx.store.applied);
			return {
				IsSuccess: 'VCode' in result,
				FailReason: 'FailReason' in result ? result.FailReason : null,
				VCode: 'VCode' in result ? result.VCode : null,
				PICMID: entry.PICMID,
				TraceID: entry.TraceID,
			};
		});
}

/** The endpoints known only from public client code (no recovered official page). */
export const CLIENT_CODE_COUPON_ENDPOINTS: readonly Endpoint[] = [
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
			if (!ctx.store.find('Mobile', mobile)) throw new Refusal('memberNotFound');
			const usable = ctx.mall.coupons
				.usableBy(mobile, ctx.now)
				.filter((c) => couponType === undefined || c.CouponType === couponType);
			const page = usable.filter((c) => c.CouponID > minId).slice(0, pageSize);
			if (page.length === 0) throw new Refusal('noData');
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

export const COUPON_ENDPOINTS: readonly Endpoint[] = [
	{
		path: '/Coupon/PutIn/v4/GetAll/',
		title: '获取券模板投放信息V4',
		handle(body, ctx) {
			const ids = optionalStringList(body, 'PICMIDList');
			// Required on the Coupon page (必填 是), though it names defaults 20 and 1.
			const pageSize = positive(body, 'PageSize', undefined, 100);
			const pageIndex = positive(body, 'PageIndex', undefined);
			const wanted = ids && ids.length > 0 ? new Set(ids) : undefined;
			const putIns = wanted ? ctx.mall.putIns.filter((p) => wanted.has(p.PICMID)) : ctx.mall.putIns;
			return pageIndexed(putIns, pageIndex, pageSize, ctx);
		},
	},
	...CLIENT_CODE_COUPON_ENDPOINTS,
];
