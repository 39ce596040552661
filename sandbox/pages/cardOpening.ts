import { chinaDateTime } from '../../credentials/chinaTime';
import { WRITES } from '../counters';
import { cardType, emptyProfile, openUserIdFor, userTokenFor, type Member } from '../members';
import type { MemberStore } from '../memberStore';
import type { Body, ProfilePatch } from '../params';
import { parameterError, Refusal } from '../refusals';

/**
 * Opening a mall card, shared by both Open endpoints of https://docs.mallcoo.cn/open/api/User.html
 * and the CardInfo authorization page (which opens one for a user who has none).
 */

interface OpeningContext {
	store: MemberStore;
	now: number;
}

export const alreadyMember = () => new Refusal('alreadyMember');

export function applyPatch(m: Member, patch: ProfilePatch): void {
	Object.assign(m, patch.member);
	Object.assign(m.Profile, patch.profile);
}

/**
 * A new user if the mobile is unknown, or the card a registered user lacks; a mobile that already
 * holds a card is refused. The platform opens a typed card asynchronously; this opens it at once
 * (the caller defers it when the sandbox is set to).
 */
export function openCard(
	ctx: OpeningContext,
	mobile: string,
	typeId: number,
	dataSource: number | undefined,
	patch?: ProfilePatch,
): Body {
	const { store, now } = ctx;
	const type = cardType(typeId);
	if (!type)
		throw parameterError('MallCardTypeID', `会员卡类型 ${typeId} 不存在 (unknown card type)`);
	let m = store.find('Mobile', mobile);
	if (m?.Card) throw alreadyMember();
	if (!m) m = store.add(newUser(ctx, mobile));
	const numbers = store.nextCardNumbers();
	store.update(m, (user) => {
		user.Card = {
			...numbers,
			ThirdPartyCardNo: numbers.MallCardNo,
			MallCardTypeID: type.MallCardTypeID,
			MallCardName: type.MallCardName,
			Score: 0,
			MallCardApplyTime: chinaDateTime(now),
			MallCardStatus: 1,
			VipGrade: type.VipGrade,
		};
		user.IsDevTrans = true;
		user.DataSource = dataSource ?? null;
		if (patch) applyPatch(user, patch);
	});
	store.applied.add(WRITES.openCard, mobile);
	return { OpenUserID: m.OpenUserID };
}

export function newUser(ctx: OpeningContext, mobile: string): Member {
	// Derived from the mobile so runs are repeatable; suffixed if a re-keyed member holds it.
	let openUserId = openUserIdFor(mobile);
	for (let n = 1; ctx.store.find('OpenUserID', openUserId); n++)
		openUserId = openUserIdFor(`${mobile}#${n}`);
	return {
		OpenUserID: openUserId,
		NickName: `Mallcoo${openUserId.slice(0, 5)}`,
		Avatar: 'http://i1.mallcoo.cn/mc/default_0.png',
		Mobile: mobile,
		InternationalMobileCode: '',
		WXOpenID: '',
		AliUserID: '',
		UserToken: userTokenFor(openUserId),
		UserName: '',
		Gender: 0,
		Age: null,
		Birthday: '',
		UserCreateTime: chinaDateTime(ctx.now),
		Card: null,
		Profile: emptyProfile(),
		TagIDs: [],
		IsDevTrans: false,
		DataSource: null,
		MobileHistory: [],
	};
}
