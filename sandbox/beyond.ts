/* eslint-disable @n8n/community-nodes/require-node-api-error -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
import { ApiError, DUPLICATE_TRANS_ID, parameterError, SANDBOX_CODES } from './codes';
import { WRITES } from './counters';
import type { Endpoint, EndpointContext } from './endpoints';
import type { Shop } from './mall';
import {
	optionalDateTime,
	optionalFilterText,
	optionalInteger,
	optionalNumber,
	optionalString,
	optionalStringList,
	requiredDateTime,
	requiredInteger,
	requiredNumber,
	requiredString,
	urlDecoded,
	type Body,
} from './params';
import { chinaDateTime } from '../credentials/chinaTime';
import { cardType, type Member } from './store';

/**
 * The endpoints beyond the user API that the node builds on, as far as the public pages were
 * recovered: https://docs.mallcoo.cn/open/api/Score.html, Consume.html, Return.html, Coupon.html,
 * Shop.html, Park.html, Gift.html, CRM.html. Response `Data` carries only the fields those pages
 * show; nothing marked there as not recovered or as third-party code only is served.
 */

const round2 = (value: number) => Math.round(value * 100) / 100;

const memberNotFound = () =>
	new ApiError(SANDBOX_CODES.NOT_FOUND_MEMBER, '会员不存在 (member not found)');

// ---------------------------------------------------------------- points (Score.html)

function changePoints(body: Body, ctx: EndpointContext, kind: 'plus' | 'subtract'): undefined {
	// Spelled OpenUserId on the Score page (OpenUserID elsewhere): the sandbox takes only that.
	const openUserId = requiredString(body, 'OpenUserId');
	const scoreEvent = requiredInteger(body, 'ScoreEvent');
	const score = requiredNumber(body, 'Score');
	if (!(score > 0)) throw parameterError('Score', '必须大于0 (must be greater than 0)');
	const reason = optionalString(body, 'Reason');
	const transId = requiredString(body, 'TransID');
	const userToken = optionalFilterText(body, 'UserToken');

	const m = ctx.store.find('OpenUserID', openUserId);
	if (!m?.Card) throw memberNotFound();
	if (userToken !== undefined && ctx.store.find('UserToken', userToken) !== m)
		throw new ApiError(SANDBOX_CODES.BAD_USER_TOKEN, 'UserToken 无效或已过期 (UserToken invalid)');
	if (ctx.mall.points.has(transId))
		throw new ApiError(DUPLICATE_TRANS_ID.code, DUPLICATE_TRANS_ID.message);
	const balance = m.Card.Score;
	if (kind === 'subtract' && score > balance)
		throw new ApiError(
			SANDBOX_CODES.INSUFFICIENT_POINTS,
			`积分不足 (not enough points: balance ${balance}, deduction ${score})`,
		);
	const after = round2(kind === 'plus' ? balance + score : balance - score);
	ctx.store.update(m, (user) => (user.Card!.Score = after));
	ctx.mall.points.set(transId, {
		TransID: transId,
		kind,
		OpenUserId: openUserId,
		Score: score,
		ScoreEvent: scoreEvent,
		Reason: reason ?? null,
		UserToken: userToken ?? null,
		BalanceAfter: after,
		At: chinaDateTime(ctx.now),
	});
	ctx.store.applied.add(WRITES.points, transId);
	return undefined;
}

// ---------------------------------------------------------------- shops shared by Consume and Return

type ShopKey = 'McShopID' | 'CrmShopID' | 'DevShopID';

/** 与CrmShopID、DevShopID任其选一必填: exactly one; "" and null count as not given. */
function oneShop(body: Body, ctx: EndpointContext): { shop: Shop; key: ShopKey } {
	const given: Array<[ShopKey, number | string]> = [];
	const mcShopId = optionalInteger(body, 'McShopID');
	if (mcShopId !== undefined) given.push(['McShopID', mcShopId]);
	for (const key of ['CrmShopID', 'DevShopID'] as const) {
		const value = optionalFilterText(body, key);
		if (value !== undefined) given.push([key, value]);
	}
	if (given.length !== 1)
		throw parameterError(
			'McShopID/CrmShopID/DevShopID',
			`三选一必填 (exactly one is required, got ${given.length})`,
		);
	const [key, value] = given[0];
	const shop = ctx.mall.shop(key, value);
	if (!shop)
		throw new ApiError(SANDBOX_CODES.NOT_FOUND_SHOP, `商户不存在 (no shop with ${key} ${value})`);
	return { shop, key };
}

// ---------------------------------------------------------------- paging shared by the PageIndex lists

function pageIndexed<T>(
	items: T[],
	pageIndex: number,
	pageSize: number,
	ctx: EndpointContext,
): T[] {
	let start = (pageIndex - 1) * pageSize;
	if (start >= items.length && ctx.mall.misreport.repeatLastPage && items.length > 0)
		start = Math.floor((items.length - 1) / pageSize) * pageSize;
	return structuredClone(items.slice(start, start + pageSize));
}

function positive(body: Body, name: string, fallback: number | undefined, max?: number): number {
	const value = optionalInteger(body, name) ?? fallback;
	if (value === undefined) throw parameterError(name, '缺失 (missing)');
	if (value < 1) throw parameterError(name, '必须大于0 (must be at least 1)');
	if (max !== undefined && value > max)
		throw parameterError(name, `单次获取限制为最多${max}条 (at most ${max})`);
	return value;
}

// ---------------------------------------------------------------- parking (Park.html)

/** The Park page's own codes: a parameter error there is 2, not 2001. */
function parking(handle: (body: Body, ctx: EndpointContext) => unknown): Endpoint['handle'] {
	return (body, ctx) => {
		try {
			return handle(body, ctx);
		} catch (error) {
			if (error instanceof ApiError && error.code === SANDBOX_CODES.BAD_PARAMETER)
				throw new ApiError(
					SANDBOX_CODES.PARKING_BAD_PARAMETER,
					`参数异常,请检查参数格式是否正确 (parameter error): ${error.message}`,
				);
			throw error;
		}
	};
}

/** PlateNo, Brand, InAttr1 are UTF-8 (UrlEncode) text; the page's example sends them raw, which decodes to itself. */
function decodedText(body: Body, name: string, required: boolean): string | undefined {
	const value = required ? requiredString(body, name) : optionalFilterText(body, name);
	return value === undefined ? undefined : urlDecoded(value, name);
}

function hashIndex(text: string, size: number): number {
	let hash = 0;
	for (const char of text) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
	return hash % size;
}

// ---------------------------------------------------------------- CRM (CRM.html)

function byThirdPartyCardId(ctx: EndpointContext, id: string): Member {
	const m = ctx.store.find('ThirdPartyCardID', id);
	if (!m)
		throw new ApiError(
			SANDBOX_CODES.NOT_FOUND_THIRD_PARTY_CARD,
			'第三方会员ID不存在 (ThirdPartyCardID not found)',
		);
	return m;
}

const CARD_BY_GRADE = new Map(
	[101, 102, 103, 104].map((id) => [cardType(id)!.VipGrade, cardType(id)!]),
);

export const BEYOND_ENDPOINTS: readonly Endpoint[] = [
	{
		path: '/User/Score/v1/Subtract/ByOpenUserID/',
		title: '根据用户ID扣除会员积分',
		handle: (body, ctx) => changePoints(body, ctx, 'subtract'),
	},
	{
		path: '/User/Score/v1/Plus/ByOpenUserID/',
		title: '根据用户ID增加会员积分',
		handle: (body, ctx) => changePoints(body, ctx, 'plus'),
	},
	{
		path: '/Consume/v1/Data/Inform/',
		title: '消费数据通知',
		handle(body, ctx) {
			const transId = requiredString(body, 'TransID');
			const tradeTime = requiredDateTime(body, 'TradeTime');
			const amount = requiredNumber(body, 'Amount');
			const { shop, key } = oneShop(body, ctx);
			const tradeSerialNo = optionalFilterText(body, 'TradeSerialNo');
			const posId = optionalFilterText(body, 'PosID');
			const payType = optionalInteger(body, 'PayType');
			if (ctx.mall.recordsByTransId.has(transId))
				throw new ApiError(DUPLICATE_TRANS_ID.code, DUPLICATE_TRANS_ID.message);
			const record = {
				RecordID: ctx.mall.nextRecordId(),
				TransID: transId,
				TradeTime: tradeTime,
				Amount: amount,
				McShopID: shop.McShopID,
				ReportedShopKey: key,
				TradeSerialNo: tradeSerialNo ?? null,
				PosID: posId ?? null,
				PayType: payType ?? null,
				Mobile: null,
				At: chinaDateTime(ctx.now),
			};
			ctx.mall.records.push(record);
			ctx.mall.recordsByTransId.set(transId, record);
			ctx.store.applied.add(WRITES.consumption, transId);
			return undefined;
		},
	},
	{
		path: '/Return/v1/Consume/Records/ByMobile/',
		title: '获取用户在某商户下的消费记录',
		handle(body, ctx) {
			const mobile = requiredString(body, 'Mobile');
			const { shop } = oneShop(body, ctx);
			const start = optionalDateTime(body, 'TradeStartTime');
			const end = optionalDateTime(body, 'TradeEndTime');
			const amount = optionalNumber(body, 'Amount');
			const posId = optionalFilterText(body, 'PosID');
			const serialNo = optionalFilterText(body, 'TradeSerialNo');
			const pageSize = positive(body, 'PageSize', 10);
			const pagingId = optionalInteger(body, 'PagingID') ?? 0;
			if (pagingId < 0) throw parameterError('PagingID', '不能为负数 (must be 0 or more)');
			if (!ctx.store.find('Mobile', mobile)) throw memberNotFound();

			const matching = ctx.mall.records.filter(
				(r) =>
					r.Mobile === mobile &&
					r.McShopID === shop.McShopID &&
					(start === undefined || r.TradeTime >= start) &&
					(end === undefined || r.TradeTime <= end) &&
					(amount === undefined || r.Amount === amount) &&
					(posId === undefined || r.PosID === posId) &&
					(serialNo === undefined || r.TradeSerialNo === serialNo),
			);
			const page = matching.filter((r) => r.RecordID > pagingId).slice(0, pageSize);
			const misreport = ctx.mall.misreport;
			return {
				// ConsumeRecordModel was recovered only up to McShopID: those are the fields served.
				ConsumeRecordList: page.map((r) => ({ TransID: r.TransID, McShopID: r.McShopID })),
				Count: misreport.consumeRecordsCount ?? matching.length,
				PagingID:
					page.length === 0 || misreport.consumeRecordsStuckPagingId
						? pagingId
						: page[page.length - 1].RecordID,
			};
		},
	},
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
	{
		path: '/Shop/V1/GetList/',
		title: '获取商家列表',
		handle(body, ctx) {
			const commercialTypeId = optionalInteger(body, 'CommercialTypeID');
			const floorId = optionalInteger(body, 'FloorID');
			const blockId = optionalInteger(body, 'BlockID');
			const pageIndex = positive(body, 'PageIndex', 1);
			const shops = ctx.mall.shopList.filter(
				(shop) =>
					(commercialTypeId === undefined || shop.CommercialTypeID === commercialTypeId) &&
					(floorId === undefined || shop.FloorID === floorId) &&
					(blockId === undefined || shop.BlockID === blockId),
			);
			// 分页大小,不填默认获取商场所有商家: no PageSize, every shop (PageIndex is then ignored).
			if (optionalInteger(body, 'PageSize') === undefined) return structuredClone(shops);
			return pageIndexed(shops, pageIndex, positive(body, 'PageSize', undefined), ctx);
		},
	},
	{
		path: '/Parking/V1/EnterInfoNotify/',
		title: '车辆入场',
		handle: parking((body, ctx) => {
			const parkCode = requiredString(body, 'ParkCode');
			const plateNo = decodedText(body, 'PlateNo', true)!;
			const inTime = requiredDateTime(body, 'InTime');
			const tradeId = optionalFilterText(body, 'TradeID');
			const brand = decodedText(body, 'Brand', false);
			const inAttr1 = decodedText(body, 'InAttr1', false);
			const park = ctx.mall.park(parkCode);
			if (!park)
				throw new ApiError(
					SANDBOX_CODES.PARKING_NOT_FOUND,
					'没有找到相关车场,请检查ParkCode是否正确 (car park not found)',
				);
			const entry = {
				ParkCode: parkCode,
				PlateNo: plateNo,
				InTime: inTime,
				TradeID: tradeId ?? null,
				Brand: brand ?? null,
				InAttr1: inAttr1 ?? null,
				ParkID: park.ParkID,
				FloorID: park.floors[hashIndex(plateNo, park.floors.length)].FloorID,
				At: chinaDateTime(ctx.now),
			};
			ctx.mall.entries.push(entry);
			ctx.mall.cars.set(plateNo, entry);
			ctx.store.applied.add(WRITES.parkingEntry, tradeId ?? `${parkCode}|${plateNo}|${inTime}`);
			return undefined;
		}),
		parameterErrorCode: SANDBOX_CODES.PARKING_BAD_PARAMETER,
	},
	{
		path: '/Parking/V1/GetCarLocation/',
		title: '寻车',
		handle: parking((body, ctx) => {
			const plateNo = decodedText(body, 'PlateNo', true)!;
			const car = ctx.mall.cars.get(plateNo);
			if (!car)
				throw new ApiError(SANDBOX_CODES.NOT_FOUND_CAR, '未找到该车辆 (no car with this plate)');
			const park = ctx.mall.park(car.ParkCode)!;
			const floor = park.floors.find((f) => f.FloorID === car.FloorID)!;
			// The Park page's Data table was recovered up to FloorName.
			return {
				ParkID: park.ParkID,
				ParkName: park.ParkName,
				FloorID: floor.FloorID,
				FloorName: floor.FloorName,
			};
		}),
		parameterErrorCode: SANDBOX_CODES.PARKING_BAD_PARAMETER,
	},
	{
		path: '/Gift/V1/GetCategoryList/',
		title: '礼品分类列表',
		handle: (_body, ctx) => ctx.mall.giftCategories(),
	},
	{
		path: '/Gift/V1/GetList/',
		title: '礼品列表',
		handle(body, ctx) {
			const categoryId = optionalInteger(body, 'GiftCategoryID');
			const pageSize = positive(body, 'PageSize', 10);
			const pageIndex = positive(body, 'PageIndex', 1);
			const gifts =
				categoryId === undefined
					? ctx.mall.giftList
					: ctx.mall.giftList.filter((gift) => gift.GiftCategoryID === categoryId);
			return pageIndexed(gifts, pageIndex, pageSize, ctx);
		},
	},
	{
		path: '/User/AdvancedInfo/v1/Update/Notice/',
		title: '会员信息变更通知',
		handle(body, ctx) {
			const thirdPartyCardId = optionalFilterText(body, 'ThirdPartyCardID');
			const mobile = optionalFilterText(body, 'Mobile');
			if (thirdPartyCardId === undefined && mobile === undefined)
				throw parameterError('ThirdPartyCardID/Mobile', '二选一必填 (one of them is required)');
			// The CRM id decides when both are sent (the page's example sends both).
			const m =
				thirdPartyCardId !== undefined
					? byThirdPartyCardId(ctx, thirdPartyCardId)
					: ctx.store.find('Mobile', mobile!);
			if (!m) throw memberNotFound();
			ctx.mall.notices.push({
				ThirdPartyCardID: thirdPartyCardId ?? null,
				Mobile: mobile ?? null,
				OpenUserID: m.OpenUserID,
				At: chinaDateTime(ctx.now),
			});
			ctx.store.applied.add(WRITES.notifyChange, thirdPartyCardId ?? mobile!);
			return undefined;
		},
	},
	{
		path: '/User/AdvancedInfo/v1/UpdateGrade/Inform/',
		title: '会员等级变更通知',
		handle(body, ctx) {
			// The page's example sends these five; the rest are optional here.
			const thirdPartyCardId = requiredString(body, 'ThirdPartyCardID');
			const before = urlDecoded(requiredString(body, 'BeforeCardCode'), 'BeforeCardCode');
			const after = urlDecoded(requiredString(body, 'AfterCardCode'), 'AfterCardCode');
			const changeType = requiredInteger(body, 'ChangeType');
			if (changeType !== 0 && changeType !== 1)
				throw parameterError('ChangeType', '只能是 0 (升级) 或 1 (降级) (must be 0 or 1)');
			const changeTime = requiredDateTime(body, 'ChangeTime');
			const remark = optionalString(body, 'Remark');
			const ruleId = optionalInteger(body, 'GradeChangeRuleID');
			const gradeChangeType = optionalInteger(body, 'GradeChangeType');
			if (gradeChangeType !== undefined && gradeChangeType !== 1 && gradeChangeType !== 2)
				throw parameterError('GradeChangeType', '只能是 1 或 2 (must be 1 or 2)');
			const gradeChangeId = optionalFilterText(body, 'GradeChangeID');
			const m = byThirdPartyCardId(ctx, thirdPartyCardId);
			const change = {
				ThirdPartyCardID: thirdPartyCardId,
				BeforeCardCode: before,
				AfterCardCode: after,
				ChangeType: changeType,
				ChangeTime: changeTime,
				Remark: remark === undefined ? null : urlDecoded(remark, 'Remark'),
				GradeChangeRuleID: ruleId ?? null,
				GradeChangeType: gradeChangeType ?? null,
				GradeChangeID: gradeChangeId ?? null,
				At: chinaDateTime(ctx.now),
			};
			ctx.store.update(m, ({ Card }) => {
				const card = Card!;
				card.VipGrade = after;
				// A grade that maps onto a card type (1-4, as in Update/ByThirdPartyCardID) moves the card.
				const type = CARD_BY_GRADE.get(after);
				if (type)
					Object.assign(card, {
						MallCardTypeID: type.MallCardTypeID,
						MallCardName: type.MallCardName,
					});
			});
			ctx.mall.grades.push(change);
			ctx.store.applied.add(
				WRITES.notifyGradeChange,
				gradeChangeId ?? `${thirdPartyCardId}|${changeTime}`,
			);
			return undefined;
		},
	},
];
