import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemParameters } from './parameters';

/** How the platform names a field, shown so users can match it to the Mallcoo documents. */
const term = (apiName: string, chinese: string) => `Mallcoo: ${apiName} (${chinese})`;

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
const LOOKUP_KEYS = {
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

/** The chosen lookup: its path segment (e.g. `ByMobile`) and its body (e.g. `{ Mobile }`). */
export function readLookup(parameters: ItemParameters): { path: string; body: IDataObject } {
	const key = parameters.raw('findBy') as LookupKey;
	const lookup = LOOKUP_KEYS[key];
	if (!lookup) parameters.fail('findBy', `must be one of ${Object.keys(LOOKUP_KEYS).join(', ')}`);
	const value = key === 'mobile' ? parameters.mobile(key) : parameters.text(key);
	return { path: lookup.path, body: { [lookup.apiName]: value } };
}
