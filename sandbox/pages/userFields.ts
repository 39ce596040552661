import { TOKEN_EXPIRES_MINUTES, type Member } from '../members';
import type { Body } from '../params';

/**
 * What each user read answers with: the field lists of https://docs.mallcoo.cn/open/api/User.html
 * per endpoint, and `pick`, which copies them out of a member.
 */

// Field lists per endpoint, in the documents' order: BaseInfo and AdvancedInfo differ.
const USER_FIELDS = [
	'OpenUserID',
	'NickName',
	'Avatar',
	'Mobile',
	'InternationalMobileCode',
	'WXOpenID',
];
const PERSON_FIELDS = ['UserName', 'Gender', 'Age', 'Birthday'];
const CARD_FIELDS = ['MallCardNo', 'MallCardName', 'ThirdPartyCardID', 'ThirdPartyCardNo', 'Score'];

export const TICKET_FIELDS = [
	'OpenUserID',
	'NickName',
	'Avatar',
	'Mobile',
	'WXOpenID',
	'UserToken',
	'Expires',
	...PERSON_FIELDS,
];
export const BASE_BY_TOKEN_FIELDS = [...USER_FIELDS, 'UserToken', 'Expires', ...PERSON_FIELDS];
export const BASE_FIELDS = [...USER_FIELDS, ...PERSON_FIELDS, 'UserCreateTime'];
export const BASE_BY_ALI_FIELDS = [...USER_FIELDS, ...PERSON_FIELDS];
export const ADVANCED_BY_TOKEN_FIELDS = [
	...USER_FIELDS.slice(0, 5),
	'UserToken',
	'WXOpenID',
	...CARD_FIELDS,
	'Expires',
	'MallCardTypeID',
	...PERSON_FIELDS,
	'UserCreateTime',
	'MallCardApplyTime',
];
export const ADVANCED_FIELDS = [
	...USER_FIELDS,
	...CARD_FIELDS,
	'MallCardTypeID',
	...PERSON_FIELDS,
	'UserCreateTime',
	'MallCardApplyTime',
];
export const PROFILE_FIELDS = [
	...ADVANCED_FIELDS,
	'IDNum',
	'Email',
	'Education',
	'Marital',
	'HasChildren',
	'ChildrenCount',
	'ProvincialAreas',
	'Address',
	'Business',
	'Income',
	'Conveyance',
	'Wechat',
	'Reference',
	'HobbyList',
	'ThirdCardNo',
	'IsPostal',
	'FocusInfoList',
	'AcceptInfoTypeList',
	'ShoppingInterestList',
	'ActiveInterestList',
	'CarNO',
	'InviteCode',
	...Array.from({ length: 20 }, (_, i) => `Remark${i + 1}`),
];

const NO_CARD = {
	MallCardNo: '',
	MallCardName: '',
	ThirdPartyCardID: '',
	ThirdPartyCardNo: '',
	Score: 0,
	MallCardTypeID: null,
	MallCardApplyTime: '',
};

/** Every field a response can name, in one flat record; then each endpoint picks its own. */
export function pick(m: Member, fields: string[], slashDates = false): Body {
	const { Card, Profile, ...user } = m;
	const flat: Body = { ...user, ...(Card ?? NO_CARD), ...Profile, Expires: TOKEN_EXPIRES_MINUTES };
	if (slashDates) {
		// GetMemberInfo's example writes DateTime fields as 2013/10/24 10:47:45.
		for (const key of ['UserCreateTime', 'MallCardApplyTime'])
			flat[key] = String(flat[key]).replace(/-/g, '/');
	}
	const out: Body = {};
	for (const field of fields) out[field] = structuredClone(flat[field]);
	return out;
}
