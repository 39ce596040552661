/**
 * The coupons given to members (pages/coupon.ts sends and lists them): per-put-in stock, the
 * per-person limit, coupon codes, and why an entry gets none. What public client code does not
 * show is the sandbox's own choice, marked "assumption" (sandbox/README.md):
 * - a TraceID that already gave a coupon is refused per entry (no second coupon); a refused entry
 *   does not use up its TraceID;
 * - the failure reasons' wording and the coupon codes' form.
 */
import { chinaDateTime } from '../credentials/chinaTime';
import { WRITES, type ApplyCounter } from './counters';
import type { Body } from './params';
import type { Member } from './members';

/** The put-in fields the desk reads and changes (PutIn in mall.ts, which holds the desk). */
interface PutIn {
	PICMID: string;
	StoreCount: number;
	StoreOverCount: number;
	IsEPMaxGetInfinite: boolean;
	EPMaxGet: number;
}

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
function templateOf(putIn: PutIn) {
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

	private readonly byPicmId: Map<string, PutIn>;

	constructor(putIns: PutIn[]) {
		this.byPicmId = new Map(putIns.map((putIn) => [putIn.PICMID, putIn]));
	}

	issued = () => structuredClone(this.coupons);

	private putIn(picmId: string): PutIn {
		const putIn = this.byPicmId.get(picmId);
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
		now: number,
		applied: ApplyCounter,
	): { VCode: string } | { FailReason: string } {
		if (this.byTraceId.has(entry.TraceID)) return { FailReason: FAIL_REASONS.traceIdUsed };
		const putIn = this.byPicmId.get(entry.PICMID);
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
			EnableTime: slashed(now),
			OverdueTime: slashed(now + 30 * DAY_MS),
			...(template.CouponType === 5
				? { InsteadTime: template.CouponName.includes('3') ? 180 : 120 }
				: { InsteadMoney: Number(/减(\d+)/.exec(template.CouponName)![1]) }),
		};
		this.coupons.push(coupon);
		this.byTraceId.set(entry.TraceID, coupon);
		applied.add(WRITES.couponSend, entry.TraceID);
		return { VCode: coupon.VCode };
	}

	/** The coupons a member holds that have not expired, by CouponID. */
	usableBy(mobile: string, now: number): IssuedCoupon[] {
		const today = slashed(now);
		return this.coupons.filter((c) => c.Mobile === mobile && c.OverdueTime >= today);
	}
}

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
