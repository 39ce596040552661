import type { INodeProperties } from 'n8n-workflow';

// Field builders every resource uses. A field's own reader is ItemParameters (helpers/values/).

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
/** A mobile number; read with `parameters.mobile` (helpers/values/text.ts holds its rule). */
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

export const thirdPartyCardIdField = (description: string) =>
	textField('thirdPartyCardId', 'Third-Party Card ID', description, {
		apiName: 'ThirdPartyCardID',
		chinese: '第三方会员ID',
	});

/** A code from the mall's Mallcoo enum dictionary, whose values the public pages do not list. */
export const enumCodeHint = (apiName: string, chinese: string) =>
	`Mallcoo: ${apiName} (${chinese}). A whole number from your mall's Mallcoo enum dictionary (枚举字典); ask Mallcoo or the mall for the values.`;

/** Text the pages ask for "UTF-8 (UrlEncode)": plate numbers, brands, remarks. */
export const urlEncoded = (text: string) => encodeURIComponent(text);
