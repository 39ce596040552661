import type { INodeProperties } from 'n8n-workflow';

/** How the platform names a field, shown so users can match it to the Mallcoo documents. */
export const term = (apiName: string, chinese: string) => `Mallcoo: ${apiName} (${chinese})`;

export function textField(
	name: string,
	displayName: string,
	description: string,
	platform: { apiName: string; chinese: string },
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		required: true,
		description,
		hint: term(platform.apiName, platform.chinese),
		...extra,
	};
}

/** The optional fields of an operation, under the usual "Additional Fields" collection. */
export const additionalFields = (options: INodeProperties[]): INodeProperties => ({
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options,
});

export const mobileField = (
	name = 'mobile',
	displayName = 'Mobile',
	description = "The member's mobile number, e.g. 13800000001",
) =>
	textField(
		name,
		displayName,
		description,
		{ apiName: 'Mobile', chinese: '手机号' },
		{ placeholder: '13800000001' },
	);

/** The identifiers a member or user can be found by; `value` is the contract's parameter name. */
export const LOOKUP_KEYS = {
	userToken: {
		name: 'User Token',
		apiName: 'UserToken',
		chinese: '用户Token',
		path: 'ByToken',
		description: 'The token from a sign-in (OAuth) ticket exchange',
	},
	mobile: {
		name: 'Mobile',
		apiName: 'Mobile',
		chinese: '手机号',
		path: 'ByMobile',
		description: "The member's mobile number, e.g. 13800000001",
	},
	mallCardNo: {
		name: 'Mall Card Number',
		apiName: 'MallCardNo',
		chinese: '猫酷会员卡号',
		path: 'ByMallCardNo',
		description: "The member's Mallcoo card number",
	},
	openUserId: {
		name: 'Open User ID',
		apiName: 'OpenUserID',
		chinese: '用户ID',
		path: 'ByOpenUserID',
		description: "The user's ID for this app, as returned by sign-in",
	},
	wxOpenId: {
		name: 'WeChat OpenID',
		apiName: 'WXOpenID',
		chinese: '微信OpenID',
		path: 'ByWXOpenID',
		description: "The user's OpenID under the mall's WeChat service account",
	},
	aliUserId: {
		name: 'Alipay User ID',
		apiName: 'AliUserID',
		chinese: '支付宝UserID',
		path: 'ByAliUserID',
		description: "The user's Alipay UserID",
	},
} as const;

export type LookupKey = keyof typeof LOOKUP_KEYS;

/** A "Find By" selector followed by the one field it names. */
export function lookupProperties(keys: LookupKey[], description: string): INodeProperties[] {
	const firstKey = keys[0];
	return [
		{
			displayName: 'Find By',
			name: 'findBy',
			type: 'options',
			noDataExpression: true,
			default: firstKey,
			description,
			options: keys.map((key) => ({
				name: LOOKUP_KEYS[key].name,
				value: key,
				description: term(LOOKUP_KEYS[key].apiName, LOOKUP_KEYS[key].chinese),
			})),
		},
		...keys.map((key) =>
			textField(key, LOOKUP_KEYS[key].name, LOOKUP_KEYS[key].description, LOOKUP_KEYS[key], {
				displayOptions: { show: { findBy: [key] } },
			}),
		),
	];
}

export const thirdPartyCardIdField = (description: string) =>
	textField('thirdPartyCardId', 'Third-Party Card ID', description, {
		apiName: 'ThirdPartyCardID',
		chinese: '第三方会员ID',
	});

/** The optional channel code of a card opening. */
export const dataSourceField = additionalFields([
	{
		displayName: 'Data Source',
		name: 'dataSource',
		type: 'number',
		default: 0,
		description:
			'Mallcoo: DataSource (开卡平台来源). The platform code of the channel the card was opened in, from your Mallcoo enumeration list; leave 0 to not send it.',
	},
]);

/** The parameters of adding and removing tags. */
export const tagProperties = (verb: string): INodeProperties[] => [
	mobileField(),
	{
		displayName: 'Tag IDs',
		name: 'tagIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '30,31,32',
		description: `IDs of the tags to ${verb}, separated by commas, or a list of numbers from an expression. The mall gives you the tag IDs.`,
		hint: 'Mallcoo: TagIDList (标签ID集合)',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'An optional note stored with the change',
		hint: 'Mallcoo: Desc (备注)',
	},
];
