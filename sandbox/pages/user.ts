import { chinaDateTime } from '../../credentials/chinaTime';
import { WRITES } from '../counters';
import { cardType, DEFAULT_CARD_TYPE_ID, type Member } from '../members';
import {
	integerList,
	optionalInteger,
	optionalString,
	profilePatch,
	requiredNewMobile,
	requiredString,
	UPDATABLE_FIELDS,
	urlDecoded,
	userInfoObject,
	type Body,
} from '../params';
import { parameterError, Refusal } from '../refusals';
import { alreadyMember, applyPatch, newUser, openCard } from './cardOpening';
import type { Endpoint, EndpointContext } from './endpoint';
import {
	byThirdPartyCardId,
	byToken,
	cardTypeOfGrade,
	memberNotFound,
	userNotFound,
} from './lookups';
import {
	ADVANCED_BY_TOKEN_FIELDS,
	ADVANCED_FIELDS,
	BASE_BY_ALI_FIELDS,
	BASE_BY_TOKEN_FIELDS,
	BASE_FIELDS,
	pick,
	PROFILE_FIELDS,
	TICKET_FIELDS,
} from './userFields';

/** The 21 user endpoints of https://docs.mallcoo.cn/open/api/User.html as a table. */

const cardNotFound = () => new Refusal('cardNotFound');

type Key = 'Mobile' | 'OpenUserID' | 'WXOpenID' | 'AliUserID' | 'MallCardNo';

function findUser(body: Body, ctx: EndpointContext, key: Key, notFound = userNotFound): Member {
	const value = requiredString(body, key, key === 'OpenUserID' ? ['OpenUserId'] : []);
	const found = ctx.store.find(key, value);
	if (!found) throw notFound();
	return found;
}

/** AdvancedInfo reads need a card: a registered user without one is not a member. */
function withCard(m: Member): Member {
	if (!m.Card) throw memberNotFound();
	return m;
}

/** UpdateDic is a Dictionary<string,string> on the platform: numbers are taken as their text. */
function dicText(dic: Body, key: string, required: boolean): string | undefined {
	const value = dic[key];
	if (value === undefined || value === null) {
		if (required) throw parameterError(`UpdateDic.${key}`);
		return undefined;
	}
	if ((typeof value !== 'string' && typeof value !== 'number') || String(value) === '')
		throw parameterError(`UpdateDic.${key}`);
	return String(value);
}

const UPDATE_DIC_KEYS = ['VipGrade', 'Bonus', 'ThirdPartyCardID', 'ThirdPartyCardNo'];

function syncFromCrm(body: Body, ctx: EndpointContext): undefined {
	requiredString(body, 'ThirdPartyCardID');
	const dic = body.UpdateDic;
	if (!dic || typeof dic !== 'object' || Array.isArray(dic))
		throw parameterError('UpdateDic', '必须是对象 (must be an object)');
	const updateDic = dic as Body;
	for (const key of Object.keys(updateDic)) {
		if (!UPDATE_DIC_KEYS.includes(key))
			throw parameterError(`UpdateDic.${key}`, `不支持 (only ${UPDATE_DIC_KEYS.join(', ')})`);
	}
	const vipGrade = dicText(updateDic, 'VipGrade', true)!;
	const bonusText = dicText(updateDic, 'Bonus', true)!;
	const bonus = Number(bonusText);
	if (!Number.isFinite(bonus) || !/^-?\d+(\.\d+)?$/.test(bonusText))
		throw parameterError('UpdateDic.Bonus', '必须是数字 (must be a number)');
	const newId = dicText(updateDic, 'ThirdPartyCardID', false);
	const newNo = dicText(updateDic, 'ThirdPartyCardNo', false);

	const m = byThirdPartyCardId(ctx, requiredString(body, 'ThirdPartyCardID'));
	const holder = newId ? ctx.store.find('ThirdPartyCardID', newId) : undefined;
	if (holder && holder !== m)
		throw parameterError(
			'UpdateDic.ThirdPartyCardID',
			'已被其他会员使用 (already used by another member)',
		);
	const grade = cardTypeOfGrade(vipGrade);
	ctx.store.update(m, ({ Card }) => {
		const card = Card!;
		card.VipGrade = vipGrade;
		card.Score = bonus;
		// A CRM grade that maps onto a card type moves the card to it; others are only stored.
		if (grade)
			Object.assign(card, {
				MallCardTypeID: grade.MallCardTypeID,
				MallCardName: grade.MallCardName,
			});
		if (newId) card.ThirdPartyCardID = newId;
		if (newNo) card.ThirdPartyCardNo = newNo;
	});
	ctx.store.applied.add(WRITES.syncFromCrm, requiredString(body, 'ThirdPartyCardID'));
	return undefined;
}

function changeTags(body: Body, ctx: EndpointContext, add: boolean): undefined {
	const mobile = requiredString(body, 'Mobile');
	const tags = integerList(body, 'TagIDList');
	optionalString(body, 'Desc');
	const m = ctx.store.find('Mobile', mobile);
	if (!m) throw memberNotFound();
	ctx.store.update(m, (user) => {
		user.TagIDs = add
			? [...new Set([...user.TagIDs, ...tags])]
			: user.TagIDs.filter((tag) => !tags.includes(tag));
	});
	ctx.store.applied.add(add ? WRITES.addTag : WRITES.removeTag, mobile);
	return undefined;
}

export const USER_ENDPOINTS: readonly Endpoint[] = [
	{
		path: '/User/OAuth/v1/GetToken/ByTicket/',
		title: '获取UserToken',
		handle(body, ctx) {
			const ticket = requiredString(body, 'Ticket');
			const m = ctx.store.redeemTicket(ticket, ctx.now);
			if (!m) throw new Refusal('ticketInvalid');
			return pick(m, TICKET_FIELDS);
		},
	},
	{
		path: '/User/BaseInfo/v1/Get/ByToken/',
		title: '根据UserToken获取用户信息',
		handle: (body, ctx) => pick(byToken(body, ctx), BASE_BY_TOKEN_FIELDS),
	},
	{
		path: '/User/BaseInfo/v1/Get/ByOpenUserID/',
		title: '根据用户ID获取用户信息',
		handle: (body, ctx) => pick(findUser(body, ctx, 'OpenUserID'), BASE_FIELDS),
	},
	{
		path: '/User/BaseInfo/v1/Get/ByWXOpenID/',
		title: '根据微信OpenID获取用户信息',
		handle: (body, ctx) => pick(findUser(body, ctx, 'WXOpenID'), BASE_FIELDS),
	},
	{
		path: '/User/BaseInfo/v1/Get/ByAliUserID/',
		title: '根据支付宝ID获取用户信息',
		handle: (body, ctx) => pick(findUser(body, ctx, 'AliUserID'), BASE_BY_ALI_FIELDS),
	},
	{
		path: '/User/AdvancedInfo/v1/Get/ByToken/',
		title: '根据UserToken获取会员信息',
		handle: (body, ctx) => pick(withCard(byToken(body, ctx)), ADVANCED_BY_TOKEN_FIELDS),
	},
	...(
		[
			['Mobile', '根据手机号获取会员信息'],
			['MallCardNo', '根据会员卡号获取会员信息'],
			['OpenUserID', '根据用户ID获取会员信息'],
			['WXOpenID', '根据微信OpenID获取会员信息'],
			['AliUserID', '根据支付宝ID获取会员信息'],
		] as const
	).map(([key, title]): Endpoint => ({
		path: `/User/AdvancedInfo/v1/Get/By${key}/`,
		title,
		handle: (body, ctx) =>
			pick(
				withCard(findUser(body, ctx, key, key === 'MallCardNo' ? cardNotFound : memberNotFound)),
				ADVANCED_FIELDS,
			),
	})),
	{
		path: '/User/AdvancedInfo/v1/GetMemberInfo/ByMobile/',
		title: '根据手机号获取用户资料',
		handle: (body, ctx) => pick(findUser(body, ctx, 'Mobile'), PROFILE_FIELDS, true),
	},
	{
		path: '/User/AdvancedInfo/v1/Update/ByThirdPartyCardID/',
		title: '会员信息变更',
		handle: syncFromCrm,
	},
	{
		path: '/User/AdvancedInfo/v1/UpdateStatus/ByThirdPartyCardID',
		title: '根据会员ID更新状态',
		handle(body, ctx) {
			const status = optionalInteger(body, 'MallCardStatus') ?? -1;
			const m = byThirdPartyCardId(ctx, requiredString(body, 'ThirdPartyCardID'));
			ctx.store.update(m, (user) => {
				if (status === -1)
					user.Card = null; // -1 deletes the card; the user stays
				else user.Card!.MallCardStatus = status;
			});
			ctx.store.applied.add(WRITES.updateStatus, requiredString(body, 'ThirdPartyCardID'));
			return undefined;
		},
	},
	{
		path: '/User/BaseInfo/v1/AddTag/',
		title: '根据手机号给会员打标签',
		handle: (body, ctx) => changeTags(body, ctx, true),
	},
	{
		path: '/User/BaseInfo/v1/DelTag/',
		title: '根据手机号删除会员标签',
		handle: (body, ctx) => changeTags(body, ctx, false),
	},
	{
		path: '/User/AdvancedInfo/v1/Check/IsDevTrans/',
		title: '查询会员是否为本应用转化',
		handle(body, ctx) {
			const mobile = optionalString(body, 'Mobile');
			const cardNo = optionalString(body, 'MallCardNo');
			if (!mobile && !cardNo)
				throw parameterError('Mobile/MallCardNo', '二选一必填 (one of them is required)');
			const m = mobile ? ctx.store.find('Mobile', mobile) : ctx.store.find('MallCardNo', cardNo!);
			if (!m?.Card) throw mobile ? memberNotFound() : cardNotFound();
			return { MembIsDevTrans: m.IsDevTrans };
		},
	},
	{
		path: '/User/MallCard/v1/Open/ByMobile/',
		title: '手机号直接开通会员卡',
		handle(body, ctx) {
			const mobile = requiredNewMobile(body, 'Mobile');
			return openCard(ctx, mobile, DEFAULT_CARD_TYPE_ID, optionalInteger(body, 'DataSource'));
		},
	},
	{
		path: '/User/MallCard/v1/Open/ByMallCardTypeID/',
		title: '手机号直接开通会员卡(支持开卡字段及会员卡类型)',
		handle(body, ctx) {
			const mobile = requiredNewMobile(body, 'Mobile');
			// Documented as optional in effect: "不传开卡类型为默认等级".
			const typeId = optionalInteger(body, 'MallCardTypeID') ?? DEFAULT_CARD_TYPE_ID;
			const userInfo =
				body.UserInfo === undefined || body.UserInfo === null
					? undefined
					: profilePatch(userInfoObject(body.UserInfo));
			const dataSource = optionalInteger(body, 'DataSource');
			const deferred = ctx.deferredOpenings;
			if (!deferred) return openCard(ctx, mobile, typeId, dataSource, userInfo);
			// "异步开卡": the request is accepted now; the card shows up later.
			if (!cardType(typeId)) return openCard(ctx, mobile, typeId, dataSource, userInfo);
			if (deferred.isPending(mobile)) throw alreadyMember();
			const user = ctx.store.find('Mobile', mobile) ?? ctx.store.add(newUser(ctx, mobile));
			deferred.defer(mobile, () => openCard(ctx, mobile, typeId, dataSource, userInfo));
			return { OpenUserID: user.OpenUserID };
		},
	},
	{
		path: '/User/AdvancedInfo/v1/Update/ByMobile/',
		title: '根据手机号更新会员信息',
		handle(body, ctx) {
			const mobile = requiredString(body, 'Mobile');
			const patch = profilePatch(userInfoObject(body.UserInfo), UPDATABLE_FIELDS);
			const m = ctx.store.find('Mobile', mobile);
			if (!m) throw memberNotFound();
			ctx.store.update(m, (user) => applyPatch(user, patch));
			ctx.store.applied.add(WRITES.updateProfile, mobile);
			return undefined;
		},
	},
	{
		path: '/User/AdvancedInfo/v1/ChangeOnlineUserMobile/',
		title: '根据会员旧手机号更新会员新手机号',
		handle(body, ctx) {
			const mobile = requiredNewMobile(body, 'Mobile');
			const oldMobile = requiredString(body, 'OldMobile');
			const thirdCrmRefId = optionalString(body, 'ThirdCRMRefID');
			const remark = optionalString(body, 'Remark');
			const updator = optionalString(body, 'Updator');
			// Decoded before any change: a 2001 must leave the store untouched.
			const change = {
				Remark: remark === undefined ? null : urlDecoded(remark, 'Remark'),
				Updator: updator === undefined ? null : urlDecoded(updator, 'Updator'),
			};
			const updatorId = optionalInteger(body, 'UpdatorID');
			const m = ctx.store.find('Mobile', oldMobile);
			if (!m) throw memberNotFound();
			if (ctx.store.find('Mobile', mobile)) throw new Refusal('mobileRegistered');
			ctx.store.update(m, (user) => {
				user.MobileHistory.push({
					OldMobile: oldMobile,
					Mobile: mobile,
					ThirdCRMRefID: thirdCrmRefId ?? null,
					...change,
					UpdatorID: updatorId ?? null,
					At: chinaDateTime(ctx.now),
				});
				user.Mobile = mobile;
			});
			ctx.store.applied.add(WRITES.changeMobile, `${oldMobile}->${mobile}`);
			return undefined;
		},
	},
];
