import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemParameters } from '../helpers/values/itemParameters';
import { term, textField } from './common';

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

/**
 * The chosen lookup: its path segment (e.g. `ByMobile`) and its body (e.g. `{ Mobile }`).
 * "Find By" is checked against this operation's own options (its description), so a key another
 * operation supports is refused with this operation's choices rather than read as an empty field.
 */
export function readLookup(parameters: ItemParameters): { path: string; body: IDataObject } {
	const key = parameters.choice<string>('findBy') as LookupKey;
	const lookup = LOOKUP_KEYS[key];
	// Identifiers are one line of text; a mobile is 5 to 20 digits.
	const value = key === 'mobile' ? parameters.mobile(key) : parameters.text(key);
	return { path: lookup.path, body: { [lookup.apiName]: value } };
}

/**
 * What a read by an identifier offers beside its identifier: Simplify and If Not Found. The
 * router applies them to the output (memberProfile/simplify.ts relabels).
 */
export const lookupReadProperties: INodeProperties[] = [
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		noDataExpression: true,
		default: false,
		description:
			'Whether to return friendly field names (openUserId, mallCardNo, …) and the labels of coded values (gender, education, income, hobbies, …) instead of the data exactly as Mallcoo sends it',
	},
	{
		displayName: 'If Not Found',
		name: 'ifNotFound',
		type: 'options',
		noDataExpression: true,
		default: 'error',
		options: [
			{
				name: 'Stop With an Error',
				value: 'error',
				description: 'Fail the item (or, with On Error → Continue, output the error)',
			},
			{
				name: 'Output "Found: False"',
				value: 'empty',
				description:
					'Output an item with found set to false and the identifier asked for, so the workflow goes on; found items get found set to true',
			},
		],
		description: 'What to do when Mallcoo has no one with this identifier',
	},
];
