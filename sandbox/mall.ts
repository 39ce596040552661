/**
 * The mall beyond its members: shops, coupon put-ins, gifts, car parks, consumption records and
 * the logs of the other pages' writes. Field names are the platform's own, as on
 * https://docs.mallcoo.cn/open/api/Shop.html, Coupon.html, Gift.html, Park.html, Return.html.
 * The seed is fixed (identical on every start and reset) so tests can count on it.
 */

import { CouponDesk, type CouponView } from './couponDesk';

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** A shop exactly as /Shop/V1/GetList/ answers it (the field table of the Shop page). */
export interface Shop {
	McShopID: number;
	Name: string;
	CrmShopID: string;
	Logo: string;
	/** 普通、餐饮、影院、KTV、冰场: the page gives no numbers; the sandbox uses 1-5 in that order (its example has 1). */
	ShopType: number;
	CommercialTypeID: number;
	CommercialTypeName: string;
	SubCommercialTypeID: number;
	SubCommercialTypeName: string;
	FloorID: number;
	FloorName: string;
	DoorNo: string;
	UpdateTime: string;
	/** 实体商户、虚拟商户: the sandbox uses 1 and 2 (no numbers documented). */
	ShopMode: number;
	HasActivity: boolean;
	HasGroupon: boolean;
	HasPromotion: boolean;
	PromotionInfo: string;
	BlockID: number;
	BlockName: string;
	MainShopID: string;
}

export const FLOORS = [
	{ FloorID: 0, FloorName: 'B1' },
	{ FloorID: 1, FloorName: '1F' },
	{ FloorID: 2, FloorName: '2F' },
	{ FloorID: 3, FloorName: '3F' },
	{ FloorID: 4, FloorName: '4F' },
	{ FloorID: 5, FloorName: '5F' },
] as const;

export const COMMERCIAL_TYPES = [
	{
		id: 14024,
		name: '服饰',
		subs: [
			[102, '运动休闲'],
			[103, '女装'],
		],
	},
	{
		id: 14025,
		name: '餐饮',
		subs: [
			[201, '中餐'],
			[202, '西餐'],
		],
	},
	{
		id: 14026,
		name: '生活服务',
		subs: [
			[301, '美容美发'],
			[302, '数码'],
		],
	},
	{
		id: 14027,
		name: '休闲娱乐',
		subs: [
			[401, '影院'],
			[402, 'KTV'],
		],
	},
	{
		id: 14028,
		name: '儿童亲子',
		subs: [
			[501, '童装'],
			[502, '早教'],
		],
	},
] as const;

export const BLOCKS = [
	{ BlockID: 1, BlockName: 'A区' },
	{ BlockID: 2, BlockName: 'B区' },
	{ BlockID: 3, BlockName: 'C区' },
] as const;

/** Shops 1000001 … 1000120: shop i has type i%5, floor i%6, block i%3 of the lists above. */
export const SHOP_COUNT = 120;

function seedShop(i: number): Shop {
	const type = COMMERCIAL_TYPES[i % COMMERCIAL_TYPES.length];
	const [subId, subName] = type.subs[i % 2];
	const floor = FLOORS[i % FLOORS.length];
	const block = BLOCKS[i % BLOCKS.length];
	const id = 1_000_000 + i;
	const veroModa = id === 1_000_030; // the Shop page's example shop
	return {
		McShopID: id,
		Name: veroModa ? 'VERO MODA' : `${type.name}${subName}店 ${pad(i, 3)}`,
		CrmShopID: veroModa ? '454522' : `S${pad(i, 5)}`,
		Logo: `http://i1.mallcoo.cn/sp_mall/sandbox-shop-${id}.jpg`,
		ShopType: type.id === 14025 ? 2 : type.id === 14027 ? 3 + (i % 2) : 1,
		CommercialTypeID: type.id,
		CommercialTypeName: type.name,
		SubCommercialTypeID: subId,
		SubCommercialTypeName: subName,
		FloorID: floor.FloorID,
		FloorName: floor.FloorName,
		DoorNo: `${floor.FloorName}-${pad(i, 3)}`,
		UpdateTime: `2024-06-${pad(1 + (i % 28), 2)} 10:00:00`,
		ShopMode: i % 20 === 0 ? 2 : 1,
		HasActivity: i % 7 === 0,
		HasGroupon: i % 11 === 0,
		HasPromotion: i % 4 === 0,
		PromotionInfo: i % 4 === 0 ? '会员卡9折 (members 10% off)' : '',
		BlockID: block.BlockID,
		BlockName: block.BlockName,
		MainShopID: `MS${id}`,
	};
}

/** DevShopID: every seeded shop's mapping is imported; shop 1000053 is "DEV-1000053". */
export const devShopIdOf = (mcShopId: number) => `DEV-${mcShopId}`;

/** A put-in exactly as far as https://docs.mallcoo.cn/open/api/Coupon.html shows its fields. */
export interface CouponPutIn {
	MallName: string;
	MallLogo: string;
	PICMID: string;
	StoreCount: number;
	StoreOverCount: number;
	IsEPMaxGetInfinite: boolean;
	EPMaxGet: number;
	IsEDMaxGetInfinite: boolean;
}

export const MALL_NAME = '猫酷沙箱广场';
export const PUT_IN_COUNT = 230;

function seedPutIn(i: number): CouponPutIn {
	const store = 100 * (1 + (i % 10));
	return {
		MallName: MALL_NAME,
		MallLogo: 'http://i1.mallcoo.cn/mc/sandbox-mall-logo.png',
		PICMID: `PICM${pad(i, 6)}`,
		StoreCount: store,
		StoreOverCount: store - ((i * 7) % store),
		IsEPMaxGetInfinite: i % 5 === 0,
		EPMaxGet: i % 5 === 0 ? 0 : 1 + (i % 3),
		IsEDMaxGetInfinite: i % 2 === 0,
	};
}

export interface GiftCategory {
	GiftCategoryID: number;
	Name: string;
	/** Typed string on the Gift page, a number in its example; the sandbox follows the example. */
	Rank: number;
}

export const GIFT_CATEGORIES: readonly GiftCategory[] = [
	{ GiftCategoryID: 1, Name: '礼品分类', Rank: 1 },
	{ GiftCategoryID: 2, Name: '餐饮券', Rank: 2 },
	{ GiftCategoryID: 3, Name: '生活好物', Rank: 3 },
	{ GiftCategoryID: 4, Name: '停车券', Rank: 4 },
];

/** A gift as far as https://docs.mallcoo.cn/open/api/Gift.html shows its fields (to OnlineTime). */
export interface Gift {
	GiftID: number;
	Name: string;
	GiftCategoryID: number;
	Photo: string;
	Thumbnail: string;
	Rank: number;
	/** 1 = points (积分), the only documented value. */
	CurrencyType: number;
	CurrencyValue: number;
	Stock: number;
	OnlineTime: string;
}

/** Gifts 5001 … 5057; gift i is in category 1 + (i % 4): 14 in categories 1, 3, 4 and 15 in 2. */
export const GIFT_COUNT = 57;

function seedGift(i: number): Gift {
	const category = GIFT_CATEGORIES[i % GIFT_CATEGORIES.length];
	const id = 5000 + i;
	return {
		GiftID: id,
		Name: `${category.Name} ${pad(i, 2)}`,
		GiftCategoryID: category.GiftCategoryID,
		Photo: `http://i1.mallcoo.cn/mc/sandbox-gift-${id}.jpg`,
		Thumbnail: `http://i1.mallcoo.cn/mc/sandbox-gift-${id}_200x200.jpg`,
		Rank: i,
		CurrencyType: 1,
		CurrencyValue: 100 * (1 + (i % 20)),
		Stock: (i * 13) % 50,
		OnlineTime: `2024-05-${pad(1 + (i % 28), 2)} 09:00:00`,
	};
}

export interface ParkFloor {
	FloorID: number;
	FloorName: string;
}

export interface CarPark {
	ParkCode: string;
	ParkID: number;
	ParkName: string;
	floors: ParkFloor[];
}

/** ParkCode "1" is the Park page's example; any other code than "1" and "2" is 1101. */
export const CAR_PARKS: readonly CarPark[] = [
	{
		ParkCode: '1',
		ParkID: 10001,
		ParkName: '猫酷沙箱广场停车场',
		floors: [
			{ FloorID: -1, FloorName: 'B1' },
			{ FloorID: -2, FloorName: 'B2' },
		],
	},
	{
		ParkCode: '2',
		ParkID: 10002,
		ParkName: '猫酷沙箱广场东区停车场',
		floors: [{ FloorID: -3, FloorName: 'B3' }],
	},
];

/** One accepted EnterInfoNotify (text fields URL-decoded). */
export interface ParkingEntry {
	ParkCode: string;
	PlateNo: string;
	InTime: string;
	TradeID: string | null;
	Brand: string | null;
	InAttr1: string | null;
	/** Where the sandbox puts the car (the platform's bay detection stand-in). */
	ParkID: number;
	FloorID: number;
	At: string;
}

/** A consumption record: what Consume/v1/Data/Inform took, plus the member it is matched to. */
export interface ConsumptionRecord {
	/** The PagingID of /Return/v1/Consume/Records/ByMobile/: records page in ascending RecordID. */
	RecordID: number;
	TransID: string;
	TradeTime: string;
	Amount: number;
	McShopID: number;
	/** The identifier the report used: McShopID, CrmShopID or DevShopID. */
	ReportedShopKey: 'McShopID' | 'CrmShopID' | 'DevShopID';
	TradeSerialNo: string | null;
	PosID: string | null;
	PayType: number | null;
	/** The member's mobile once matched (Mallcoo matches reports to members later); null until then. */
	Mobile: string | null;
	At: string;
}

/**
 * Seeded records (RecordID 1 … 43): 35 of 13800000001 at shop 1000053 (4 pages of the default 10),
 * 3 of 13800000001 at 1000030, 5 of 13800000002 at 1000053.
 */
function seedConsumptions(): ConsumptionRecord[] {
	const records: ConsumptionRecord[] = [];
	const add = (mobile: string, shop: number, n: number) => {
		const id = records.length + 1;
		records.push({
			RecordID: id,
			TransID: `SEED-${shop}-${mobile.slice(-4)}-${pad(n, 3)}`,
			TradeTime: `2024-${pad(1 + Math.floor((n - 1) / 28), 2)}-${pad(1 + ((n - 1) % 28), 2)} ${pad(10 + (n % 10), 2)}:30:00`,
			Amount: 50 + ((n * 37) % 450) + (n % 2 ? 0.5 : 0),
			McShopID: shop,
			ReportedShopKey: 'McShopID',
			TradeSerialNo: `SN${shop}${pad(n, 4)}`,
			PosID: n % 2 ? 'POS-01' : 'POS-02',
			PayType: null,
			Mobile: mobile,
			At: '2024-06-30 23:00:00',
		});
	};
	for (let n = 1; n <= 35; n++) add('13800000001', 1_000_053, n);
	for (let n = 1; n <= 3; n++) add('13800000001', 1_000_030, n);
	for (let n = 1; n <= 5; n++) add('13800000002', 1_000_053, n);
	return records;
}

export interface PointsTransaction {
	TransID: string;
	kind: 'plus' | 'subtract';
	OpenUserId: string;
	Score: number;
	ScoreEvent: number;
	Reason: string | null;
	UserToken: string | null;
	/** The card's Score after this change. */
	BalanceAfter: number;
	At: string;
}

export interface ChangeNotice {
	ThirdPartyCardID: string | null;
	Mobile: string | null;
	/** The member it resolved to. */
	OpenUserID: string;
	At: string;
}

export interface GradeChange {
	ThirdPartyCardID: string;
	BeforeCardCode: string;
	AfterCardCode: string;
	ChangeType: number;
	ChangeTime: string;
	Remark: string | null;
	GradeChangeRuleID: number | null;
	GradeChangeType: number | null;
	GradeChangeID: string | null;
	At: string;
}

/** One BI event kept by /BI/Event/v1/Data/Import/ (pages/bi.ts). */
export interface BiImport {
	TraceID: string;
	EventType: number;
	unique_id: string;
	EventData: Record<string, unknown>;
	/** China date of the import: the de-duplication day. */
	ImportedOn: string;
	At: string;
}

/** One order of /Pay/Pos/v1/Order/Add, with its last Order/Sync (pages/pay.ts). */
export interface PosOrder {
	OrderID: string;
	CreatedTime: string;
	DevShopID: string;
	PosID: string;
	MallCardNo: string | null;
	PosOrderID: string;
	CashierID: string;
	Amount: number;
	/** The last Order/Sync, or null before any. */
	sync: {
		TotalDiscount: number;
		PayableAmount: number;
		CouponList: Array<Record<string, unknown>>;
	} | null;
}

/**
 * Misbehaviour on purpose, so a client test can prove it stops on a short or empty page rather
 * than trusting what the platform says:
 * - `consumeRecordsCount`: Records/ByMobile reports this `Count` instead of the true total.
 * - `consumeRecordsStuckPagingId`: Records/ByMobile answers the request's PagingID back (a cursor
 *   that does not move), so a client that pages until the cursor stops would loop.
 * - `repeatLastPage`: the PageIndex lists (coupon put-ins, shops, gifts) answer the last page again
 *   for a PageIndex past the end, never an empty page.
 */
export interface Misreport {
	consumeRecordsCount?: number;
	consumeRecordsStuckPagingId?: boolean;
	repeatLastPage?: boolean;
}

/** Read-only copies of the mall data for tests. */
export interface MallView {
	shops(): Shop[];
	couponPutIns(): CouponPutIn[];
	giftCategories(): GiftCategory[];
	gifts(): Gift[];
	consumptions(): ConsumptionRecord[];
	pointsTransactions(): PointsTransaction[];
	parkingEntries(): ParkingEntry[];
	changeNotices(): ChangeNotice[];
	gradeChanges(): GradeChange[];
	/** BI events kept, one per event type, unique_id and day (bi.ts). */
	biEvents(): BiImport[];
	/** POS orders created, with their last sync (pay.ts). */
	posOrders(): PosOrder[];
	/** Coupons sent to members (couponDesk.ts): what was given, and stock to set up a test. */
	readonly coupons: CouponView;
}

export class MallStore implements MallView {
	readonly shopList: Shop[] = Array.from({ length: SHOP_COUNT }, (_, i) => seedShop(i + 1));
	putIns: CouponPutIn[] = [];
	coupons = new CouponDesk(this.putIns);
	readonly giftList: Gift[] = Array.from({ length: GIFT_COUNT }, (_, i) => seedGift(i + 1));
	private readonly byMcShopId = new Map(this.shopList.map((shop) => [shop.McShopID, shop]));
	private readonly byCrmShopId = new Map(this.shopList.map((shop) => [shop.CrmShopID, shop]));
	private readonly byDevShopId = new Map(
		this.shopList.map((shop) => [devShopIdOf(shop.McShopID), shop]),
	);
	records: ConsumptionRecord[] = [];
	recordsByTransId = new Map<string, ConsumptionRecord>();
	points = new Map<string, PointsTransaction>();
	entries: ParkingEntry[] = [];
	/** Where each plate is now (the last entry). */
	cars = new Map<string, ParkingEntry>();
	notices: ChangeNotice[] = [];
	grades: GradeChange[] = [];
	/** By `EventType|unique_id|China date`: bi.ts. */
	biImports = new Map<string, BiImport>();
	orders: PosOrder[] = [];
	misreport: Misreport = {};

	constructor() {
		this.reset();
	}

	reset(): void {
		// Sending coupons uses up stock: every reset starts from the seed again.
		this.putIns = Array.from({ length: PUT_IN_COUNT }, (_, i) => seedPutIn(i + 1));
		this.coupons = new CouponDesk(this.putIns);
		this.records = seedConsumptions();
		this.recordsByTransId = new Map(this.records.map((r) => [r.TransID, r]));
		this.points = new Map();
		this.entries = [];
		this.cars = new Map();
		// The Park page's example car, already in the car park.
		this.cars.set('沪A68688', {
			ParkCode: '1',
			PlateNo: '沪A68688',
			InTime: '2017-03-27 14:30:19',
			TradeID: null,
			Brand: null,
			InAttr1: null,
			ParkID: 10001,
			FloorID: -2,
			At: '2017-03-27 14:30:19',
		});
		this.notices = [];
		this.grades = [];
		this.biImports = new Map();
		this.orders = [];
		this.misreport = {};
	}

	shop(key: 'McShopID' | 'CrmShopID' | 'DevShopID', value: number | string): Shop | undefined {
		if (key === 'McShopID') return this.byMcShopId.get(value as number);
		return (key === 'CrmShopID' ? this.byCrmShopId : this.byDevShopId).get(value as string);
	}

	park(code: string): CarPark | undefined {
		return CAR_PARKS.find((park) => park.ParkCode === code);
	}

	nextRecordId(): number {
		return this.records.length === 0 ? 1 : this.records[this.records.length - 1].RecordID + 1;
	}

	shops = () => structuredClone(this.shopList);
	couponPutIns = () => structuredClone(this.putIns);
	giftCategories = () => structuredClone([...GIFT_CATEGORIES]);
	gifts = () => structuredClone(this.giftList);
	consumptions = () => structuredClone(this.records);
	pointsTransactions = () => structuredClone([...this.points.values()]);
	parkingEntries = () => structuredClone(this.entries);
	changeNotices = () => structuredClone(this.notices);
	gradeChanges = () => structuredClone(this.grades);
	biEvents = () => structuredClone([...this.biImports.values()]);
	posOrders = () => structuredClone(this.orders);
}
