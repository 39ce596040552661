/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
import { createHash, randomBytes } from 'crypto';

import { ApplyCounter } from './counters';

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

const avatar = (id: string) => `http://i1.mallcoo.cn/mc/${id}_0.png`;

function card(
	typeId: number,
	fields: Omit<MallCard, 'MallCardName' | 'MallCardTypeID' | 'MallCardStatus' | 'VipGrade'>,
): MallCard {
	const type = cardType(typeId)!;
	return {
		...fields,
		MallCardTypeID: typeId,
		MallCardName: type.MallCardName,
		MallCardStatus: 1,
		VipGrade: type.VipGrade,
	};
}

function member(
	fields: Omit<Member, 'InternationalMobileCode' | 'Profile' | 'DataSource' | 'MobileHistory'> & {
		Profile?: Partial<MemberProfile>;
	},
): Member {
	return {
		InternationalMobileCode: '',
		DataSource: null,
		MobileHistory: [],
		...fields,
		Profile: { ...emptyProfile(), ...fields.Profile },
	};
}

/**
 * The fixed seed, identical on every start and reset (tests assert on it).
 * 13800000001-5 are card holders; 13800000006 is a registered user without a card.
 */
export const SEED_MEMBERS: readonly Member[] = Object.freeze([
	member({
		OpenUserID: '3f9a2c7e51b04d68',
		NickName: '逛街达人',
		Avatar: avatar('3f9a2c7e51b04d68'),
		Mobile: '13800000001',
		WXOpenID: 'oIQJF1ddC3X9gZy9x1xkq-zw0001',
		AliUserID: '2088102000000001',
		UserToken: '9d4e1b7c2a6f0e31',
		UserName: '张伟',
		Gender: 1,
		Age: 36,
		Birthday: '1988-06-18',
		UserCreateTime: '2019-05-20 09:12:45',
		Card: card(103, {
			MallCardNo: '20230010000001',
			ThirdPartyCardID: 'CRM10000001',
			ThirdPartyCardNo: '880000000001',
			Score: 12770,
			MallCardApplyTime: '2023-03-15 10:20:30',
		}),
		TagIDs: [30, 31],
		IsDevTrans: true,
		Profile: { Address: '上海市静安区南京西路1266号', Email: 'zhangwei@example.com' },
	}),
	member({
		OpenUserID: 'b7e04c19d2a85f36',
		NickName: '娜娜',
		Avatar: avatar('b7e04c19d2a85f36'),
		Mobile: '13800000002',
		WXOpenID: 'oIQJF1ddC3X9gZy9x1xkq-ln0002',
		AliUserID: '2088102000000002',
		UserToken: '40ca739e837396d2',
		UserName: '李娜',
		Gender: 2,
		Age: 32,
		Birthday: '1992-11-03',
		UserCreateTime: '2020-08-01 18:45:10',
		Card: card(102, {
			MallCardNo: '20230010000002',
			ThirdPartyCardID: 'CRM10000002',
			ThirdPartyCardNo: '880000000002',
			Score: 3560.5,
			MallCardApplyTime: '2020-08-01 18:47:02',
		}),
		TagIDs: [31],
		IsDevTrans: false,
	}),
	member({
		OpenUserID: 'c41d8f2a6e93b705',
		NickName: 'Mallcoo8f2a6',
		Avatar: avatar('c41d8f2a6e93b705'),
		Mobile: '13800000003',
		WXOpenID: '',
		AliUserID: '2088102000000003',
		UserToken: 'a1f05e6d7c3b2948',
		UserName: '王芳',
		Gender: 2,
		Age: null,
		Birthday: '',
		UserCreateTime: '2024-01-09 14:03:27',
		Card: card(101, {
			MallCardNo: '20240010000003',
			ThirdPartyCardID: 'CRM10000003',
			ThirdPartyCardNo: '880000000003',
			Score: 0,
			MallCardApplyTime: '2024-01-09 14:05:11',
		}),
		TagIDs: [],
		IsDevTrans: true,
	}),
	member({
		OpenUserID: 'e2a7b90c5d1f4368',
		NickName: '洋洋',
		Avatar: avatar('e2a7b90c5d1f4368'),
		Mobile: '13800000004',
		WXOpenID: 'oIQJF1ddC3X9gZy9x1xkq-ly0004',
		AliUserID: '2088102000000004',
		UserToken: '5c8e2f1a9b7d6043',
		UserName: '刘洋',
		Gender: 1,
		Age: 39,
		Birthday: '1985-02-14',
		UserCreateTime: '2013-10-24 10:47:45',
		Card: card(104, {
			MallCardNo: '20170010000490',
			ThirdPartyCardID: 'CRM10000004',
			ThirdPartyCardNo: '880000000004',
			Score: 81000,
			MallCardApplyTime: '2017-06-05 16:30:42',
		}),
		TagIDs: [30, 32, 45],
		IsDevTrans: false,
		// The one seed with every sign-up field filled, for the full-profile read.
		Profile: {
			IDNum: '310106198502140000',
			Email: 'liuyang@example.com',
			Education: 4,
			Marital: 1,
			HasChildren: 1,
			ChildrenCount: 1,
			Address: '上海市徐汇区漕溪北路88号',
			Business: '金融',
			Income: 5,
			Conveyance: 2,
			Wechat: 'liuyang_sh',
			Reference: '张伟',
			HobbyList: [0, 2, 7],
			ThirdCardNo: '880000000004',
			IsPostal: true,
			FocusInfoList: [3, 4],
			AcceptInfoTypeList: [2, 3],
			ShoppingInterestList: [0, 3, 4],
			ActiveInterestList: [2, 3],
			CarNO: '沪A12345',
			InviteCode: 'LY2017',
			Remark1: 'VIP客户',
			Remark2: '偏好周末活动',
		},
	}),
	member({
		OpenUserID: '5a0c3e8b7f21d94e',
		NickName: '静静',
		Avatar: avatar('5a0c3e8b7f21d94e'),
		Mobile: '13800000005',
		WXOpenID: 'oIQJF1ddC3X9gZy9x1xkq-cj0005',
		AliUserID: '',
		UserToken: '7b3d9e0f1c2a8465',
		UserName: '陈静',
		Gender: 2,
		Age: 28,
		Birthday: '1996-09-09',
		UserCreateTime: '2022-12-12 12:12:12',
		Card: card(103, {
			MallCardNo: '20220010000005',
			ThirdPartyCardID: 'CRM10000005',
			ThirdPartyCardNo: '880000000005',
			Score: 25000,
			MallCardApplyTime: '2022-12-12 12:15:40',
		}),
		TagIDs: [],
		IsDevTrans: false,
	}),
	member({
		OpenUserID: 'f8d61b2e0a4c7395',
		NickName: '磊子',
		Avatar: avatar('f8d61b2e0a4c7395'),
		Mobile: '13800000006',
		WXOpenID: 'oIQJF1ddC3X9gZy9x1xkq-zl0006',
		AliUserID: '2088102000000006',
		UserToken: '2e6a4c8b0d1f3957',
		UserName: '赵磊',
		Gender: 1,
		Age: 25,
		Birthday: '1999-04-01',
		UserCreateTime: '2024-05-01 08:00:00',
		Card: null,
		TagIDs: [],
		IsDevTrans: false,
	}),
]) as readonly Member[];

for (const seed of SEED_MEMBERS) deepFreeze(seed);

function deepFreeze(value: unknown): void {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const inner of Object.values(value)) deepFreeze(inner);
	}
}

export function cardType(id: number): CardType | undefined {
	return CARD_TYPES.find((type) => type.MallCardTypeID === id);
}

const hex16 = (text: string) => createHash('md5').update(text).digest('hex').slice(0, 16);
const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Same mobile, same ids: a card opened twice in two runs gets the same OpenUserID. */
export const openUserIdFor = (mobile: string) => hex16(`sandbox-user:${mobile}`);
export const userTokenFor = (mobile: string) => hex16(`sandbox-token:${mobile}`);

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN_NAMES = [
	'伟',
	'芳',
	'娜',
	'敏',
	'静',
	'丽',
	'强',
	'磊',
	'军',
	'洋',
	'勇',
	'艳',
	'杰',
	'娟',
	'涛',
	'明',
	'超',
	'秀英',
	'霞',
	'平',
];

/** Synthetic member i (1-based) for load tests: mobile 139000xxxxx, deterministic ids. */
export function generatedMember(i: number): Member {
	if (!Number.isInteger(i) || i < 1 || i > 99999)
		throw new RangeError('generated members are numbered 1..99999');
	const mobile = `139000${pad(i, 5)}`;
	const type = CARD_TYPES[i % CARD_TYPES.length];
	const birthYear = 1960 + (i % 45);
	return member({
		OpenUserID: openUserIdFor(mobile),
		NickName: `Mallcoo${hex16(mobile).slice(0, 5)}`,
		Avatar: avatar(openUserIdFor(mobile)),
		Mobile: mobile,
		WXOpenID: `o${createHash('md5').update(`wx:${mobile}`).digest('base64url').slice(0, 27)}`,
		AliUserID: `2088109${pad(i, 9)}`,
		UserToken: userTokenFor(mobile),
		UserName:
			SURNAMES[i % SURNAMES.length] +
			GIVEN_NAMES[Math.floor(i / SURNAMES.length) % GIVEN_NAMES.length],
		Gender: 1 + (i % 2),
		Age: 2024 - birthYear,
		Birthday: `${birthYear}-${pad(1 + (i % 12), 2)}-${pad(1 + (i % 28), 2)}`,
		UserCreateTime: '2021-01-01 00:00:00',
		Card: card(type.MallCardTypeID, {
			MallCardNo: `2021002${pad(i, 7)}`,
			ThirdPartyCardID: `GEN${pad(i, 7)}`,
			ThirdPartyCardNo: `881${pad(i, 9)}`,
			Score: (i * 37) % 50000,
			MallCardApplyTime: '2021-01-01 00:05:00',
		}),
		TagIDs: [],
		IsDevTrans: i % 3 === 0,
	});
}

/** How a test names one member: a mobile, or any one identifier. */
export type MemberSelector =
	| string
	| { Mobile: string }
	| { OpenUserID: string }
	| { WXOpenID: string }
	| { AliUserID: string }
	| { UserToken: string }
	| { MallCardNo: string }
	| { ThirdPartyCardID: string };

type IndexKey =
	| 'Mobile'
	| 'OpenUserID'
	| 'WXOpenID'
	| 'AliUserID'
	| 'UserToken'
	| 'MallCardNo'
	| 'ThirdPartyCardID';
/** Every identifier a member can be found by (the control API's selectors too). */
export const INDEX_KEYS: readonly IndexKey[] = [
	'Mobile',
	'OpenUserID',
	'WXOpenID',
	'AliUserID',
	'UserToken',
	'MallCardNo',
	'ThirdPartyCardID',
];

function keyOf(m: Member, key: IndexKey): string {
	if (key === 'MallCardNo' || key === 'ThirdPartyCardID') return m.Card ? m.Card[key] : '';
	return m[key];
}

/** Read-only view handed to tests: copies, so an assertion can never change the sandbox. */
export interface MemberView {
	/** All members, seeded first, then generated, then opened through the API. */
	list(): Member[];
	get(selector: MemberSelector): Member | undefined;
	readonly count: number;
}

/**
 * The in-memory store: members indexed by every identifier the endpoints look up, plus tickets.
 * Lookups are map hits so thousands of generated members cost nothing per request.
 */
export class MemberStore implements MemberView {
	private members: Member[] = [];
	private readonly indexes = new Map<IndexKey, Map<string, Member>>();
	private readonly tickets = new Map<string, { openUserId: string; expiresAt: number }>();
	private cardSequence = 0;
	/** How many times each write was applied since the last reset (see counters.ts WRITES). */
	readonly applied = new ApplyCounter();

	constructor(
		private readonly generatedCount = 0,
		private readonly ticketTtlMs = 5 * 60_000,
	) {
		this.reset();
	}

	/** Back to the seed (plus the generated members): every write and ticket is forgotten. */
	reset(): void {
		this.members = [];
		for (const key of INDEX_KEYS) this.indexes.set(key, new Map());
		this.tickets.clear();
		this.cardSequence = 0;
		this.applied.clear();
		for (const seed of SEED_MEMBERS) this.add(structuredClone(seed) as Member);
		for (let i = 1; i <= this.generatedCount; i++) this.add(generatedMember(i));
	}

	get count(): number {
		return this.members.length;
	}

	list(): Member[] {
		return this.members.map((m) => structuredClone(m));
	}

	get(selector: MemberSelector): Member | undefined {
		const found = this.resolve(selector);
		return found && structuredClone(found);
	}

	/** The live record (for endpoints, which then change it through `update`). */
	resolve(selector: MemberSelector): Member | undefined {
		if (typeof selector === 'string') return this.find('Mobile', selector);
		const [key, value] = Object.entries(selector)[0] as [IndexKey, string];
		return this.find(key, value);
	}

	find(key: IndexKey, value: string): Member | undefined {
		return value ? this.indexes.get(key)!.get(value) : undefined;
	}

	add(m: Member): Member {
		this.members.push(m);
		this.index(m);
		return m;
	}

	/** Every change goes through here so the indexes follow re-keyed mobiles and card ids. */
	update(m: Member, change: (m: Member) => void): void {
		for (const key of INDEX_KEYS) this.indexes.get(key)!.delete(keyOf(m, key));
		change(m);
		this.index(m);
	}

	/** Card numbers for cards opened through the API: 2025001 + sequence. */
	nextCardNumbers(): { MallCardNo: string; ThirdPartyCardID: string } {
		this.cardSequence += 1;
		return {
			MallCardNo: `2025001${pad(this.cardSequence, 7)}`,
			ThirdPartyCardID: `CRM9${pad(this.cardSequence, 7)}`,
		};
	}

	issueTicket(m: Member, now = Date.now()): string {
		const ticket = randomBytes(8).toString('hex');
		this.tickets.set(ticket, { openUserId: m.OpenUserID, expiresAt: now + this.ticketTtlMs });
		return ticket;
	}

	/** Tickets are single use: a second exchange is refused like an expired one. */
	redeemTicket(ticket: string, now = Date.now()): Member | undefined {
		const entry = this.tickets.get(ticket);
		if (!entry) return undefined;
		this.tickets.delete(ticket);
		return entry.expiresAt >= now ? this.find('OpenUserID', entry.openUserId) : undefined;
	}

	private index(m: Member): void {
		for (const key of INDEX_KEYS) {
			const value = keyOf(m, key);
			if (value) this.indexes.get(key)!.set(value, m);
		}
	}
}
