import type { IDataObject } from 'n8n-workflow';

import type { Confirmation, MallcooRequest } from '../helpers/types';

/** Member get by mobile (https://docs.mallcoo.cn/open/api/User.html, 根据手机号获取会员信息). */
const memberByMobile = (mobile: IDataObject[string]): MallcooRequest => ({
	path: '/User/AdvancedInfo/v1/Get/ByMobile/',
	body: { Mobile: mobile },
});

/** A user without a card comes back with an empty card number. */
const hasCard = (member: IDataObject | null) => Boolean(member && member.MallCardNo);

/** A card opening took effect when the mobile now has a card. */
export const cardOpened: Confirmation = {
	checks: (request) => [memberByMobile(request.body.Mobile)],
	applied: ([member]) => hasCard(member),
	describe: (request) => `a member lookup by ${String(request.body.Mobile)}`,
};

/**
 * The same for the opening with sign-up fields, which Mallcoo carries out asynchronously: "成功"
 * only means the request was accepted, so a card not shown yet is looked for again before the
 * node concludes it is absent.
 */
export const cardOpenedAsynchronously: Confirmation = { ...cardOpened, asynchronous: true };

/** A mobile change took effect when the member is found by the new mobile and no longer by the old. */
export const mobileChanged: Confirmation = {
	checks: (request) => [
		memberByMobile(request.body.Mobile),
		memberByMobile(request.body.OldMobile),
	],
	applied: ([atNew, atOld]) => {
		if (atNew && !atOld) return true;
		if (!atNew && atOld) return false;
		return undefined;
	},
	describe: (request) =>
		`member lookups by ${String(request.body.Mobile)} and ${String(request.body.OldMobile)}`,
};
