import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { additionalFields, mobileField } from './fields';
import type { ItemParameters } from './parameters';
import type { MallcooOperation } from './types';
import { SIGN_UP_FIELDS, encodeUserInfo, profileCollectionOptions } from './userInfo';

const dataSourceOption: INodeProperties = {
	displayName: 'Data Source',
	name: 'dataSource',
	type: 'number',
	default: 0,
	description:
		'Mallcoo: DataSource (开卡平台来源). The platform code of the channel the card was opened in, from your Mallcoo enumeration list; leave 0 to not send it.',
};

const dataSourceField = additionalFields([dataSourceOption]);

function withDataSource(parameters: ItemParameters, body: IDataObject): IDataObject {
	const additional = parameters.fields('additionalFields');
	if (additional.values.dataSource) body.DataSource = additional.integer('dataSource');
	return body;
}

export const memberCardOperations: MallcooOperation[] = [
	{
		resource: 'memberCard',
		operation: 'open',
		name: 'Open',
		action: 'Open a member card',
		description:
			'Open a card for a mobile number you have already verified. Works only when the mall needs no sign-up fields; otherwise only the user is created.',
		kind: 'write',
		// A repeat after a success would meet an existing member: never resend blindly.
		safeToRepeat: false,
		properties: [mobileField(), dataSourceField],
		buildRequest(parameters) {
			return {
				path: '/User/MallCard/v1/Open/ByMobile/',
				body: withDataSource(parameters, { Mobile: parameters.mobile('mobile') }),
			};
		},
	},
	{
		resource: 'memberCard',
		operation: 'openWithProfile',
		name: 'Open With Profile',
		action: 'Open a member card with sign-up fields',
		description:
			'Open a card of a given type with the sign-up fields the mall asks for. Mallcoo opens it asynchronously: success means the request was accepted.',
		kind: 'write',
		safeToRepeat: false,
		properties: [
			mobileField(),
			{
				displayName: 'Card Type ID',
				name: 'mallCardTypeId',
				type: 'number',
				default: 0,
				description: "The card type to open; 0 opens the mall's default type",
				hint: 'Mallcoo: MallCardTypeID (会员卡类型)',
			},
			{
				displayName: 'Sign-Up Fields',
				name: 'profile',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				description: 'The fields the mall requires to open a card',
				hint: 'Mallcoo: UserInfo (开卡字段信息)',
				options: profileCollectionOptions(SIGN_UP_FIELDS),
			},
			dataSourceField,
		],
		buildRequest(parameters) {
			const body: IDataObject = { Mobile: parameters.mobile('mobile') };
			const cardType = parameters.integer('mallCardTypeId');
			if (cardType !== 0) body.MallCardTypeID = cardType;
			body.UserInfo = encodeUserInfo(parameters, 'profile', SIGN_UP_FIELDS, true);
			return {
				path: '/User/MallCard/v1/Open/ByMallCardTypeID/',
				body: withDataSource(parameters, body),
			};
		},
	},
];
