import { createHash } from 'crypto';

/**
 * The sandbox's members. Field names are the platform's own (PascalCase) so that endpoints copy
 * them straight into responses and tests can compare store and responses field by field.
 * Times are China time `yyyy-MM-dd HH:mm:ss`; GetMemberInfo re-formats them with slashes.
 */

export interface MallCard {
	MallCardNo: string;
	MallCardName: string;
	MallCardTypeID: number;
	ThirdPartyCardID: string;
	ThirdPartyCardNo: string;
	Score: number;
	MallCardApplyTime: string;
	/** Last MallCardStatus set through UpdateStatus (1 = normal); -1 removes the card instead. */
	MallCardStatus: number;
	/** Last VipGrade pushed by the CRM (Update/ByThirdPartyCardID). */
	VipGrade: string;
}

/** The extra sign-up fields of the full profile (GetMemberInfo/ByMobile). */
export interface MemberProfile {
	IDNum: string | null;
	Email: string | null;
	Education: number | null;
	Marital: number | null;
	HasChildren: number | null;
	ChildrenCount: number | null;
	ProvincialAreas: unknown;
	Address: string;
	Business: string;
	Income: number | null;
	Conveyance: number | null;
	Wechat: string | null;
	Reference: string | null;
	HobbyList: number[] | null;
	ThirdCardNo: string | null;
	IsPostal: boolean;
	FocusInfoList: number[] | null;
	AcceptInfoTypeList: number[] | null;
	ShoppingInterestList: number[] | null;
	ActiveInterestList: number[] | null;
	CarNO: string | null;
	InviteCode: string | null;
	/** Remark1 … Remark20. */
	[remark: `Remark${number}`]: unknown;
}

export interface MobileChange {
	OldMobile: string;
	Mobile: string;
	ThirdCRMRefID: string | null;
	/** URL-decoded. */
	Remark: string | null;
	UpdatorID: number | null;
	/** URL-decoded. */
	Updator: string | null;
	At: string;
}

export interface Member {
	OpenUserID: string;
	NickName: string;
	Avatar: string;
	Mobile: string;
	InternationalMobileCode: string;
	WXOpenID: string;
	AliUserID: string;
	UserToken: string;
	UserName: string;
	Gender: number;
	Age: number | null;
	Birthday: string;
	UserCreateTime: string;
	/** null: a registered user without a mall card (not a member). */
	Card: MallCard | null;
	Profile: MemberProfile;
	TagIDs: number[];
	/** Check/IsDevTrans: was the card opened through this app. */
	IsDevTrans: boolean;
	/** DataSource sent when the card was opened through the API, if any. */
	DataSource: number | null;
	MobileHistory: MobileChange[];
}

export interface CardType {
	MallCardTypeID: number;
	MallCardName: string;
	/** The CRM grade code that maps onto this card type in Update/ByThirdPartyCardID. */
	VipGrade: string;
}

export const CARD_TYPES: readonly CardType[] = [
	{ MallCardTypeID: 101, MallCardName: '普卡', VipGrade: '1' },
	{ MallCardTypeID: 102, MallCardName: '银卡', VipGrade: '2' },
	{ MallCardTypeID: 103, MallCardName: '金卡', VipGrade: '3' },
	{ MallCardTypeID: 104, MallCardName: '钻石卡', VipGrade: '4' },
];
export const DEFAULT_CARD_TYPE_ID = 101;

/** Token lifetime reported by GetToken/ByToken, in minutes (the documents' value). */
export const TOKEN_EXPIRES_MINUTES = 10080;

export function emptyProfile(): MemberProfile {
	const profile: MemberProfile = {
		IDNum: null,
		Email: null,
		Education: null,
		Marital: null,
		HasChildren: null,
		ChildrenCount: null,
		ProvincialAreas: null,
		Address: '',
		Business: '',
		Income: null,
		Conveyance: null,
		Wechat: null,
		Reference: null,
		HobbyList: null,
		ThirdCardNo: null,
		IsPostal: false,
		FocusInfoList: null,
		AcceptInfoTypeList: null,
		ShoppingInterestList: null,
		ActiveInterestList: null,
		CarNO: null,
		InviteCode: null,
	};
	for (let i = 1; i <= 20; i++) profile[`Remark${i}`] = null;
	return profile;
}

export function cardType(id: number): CardType | undefined {
	return CARD_TYPES.find((type) => type.MallCardTypeID === id);
}

export const hex16 = (text: string) => createHash('md5').update(text).digest('hex').slice(0, 16);
export const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Same mobile, same ids: a card opened twice in two runs gets the same OpenUserID. */
export const openUserIdFor = (mobile: string) => hex16(`sandbox-user:${mobile}`);
export const userTokenFor = (mobile: string) => hex16(`sandbox-token:${mobile}`);
