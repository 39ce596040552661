import type { IDataObject } from 'n8n-workflow';

import { mobileField } from '../../descriptions/common';
import { dataSourceField, withDataSource } from '../../descriptions/dataSource';
import {
	profileCollectionOptions,
	SIGN_UP_FIELDS,
} from '../../descriptions/memberProfile/profileFields';
import { encodeUserInfo } from '../../descriptions/memberProfile/userInfo';
import { cardOpenedAsynchronously } from '../../transport/confirmations';
import type { ApiOperation } from '../../helpers/types';

export const openWithProfile: ApiOperation = {
	resource: 'memberCard',
	operation: 'openWithProfile',
	name: 'Open With Profile',
	action: 'Open a member card with sign-up fields',
	description:
		'Open a card of a given type with the sign-up fields the mall asks for. Mallcoo opens it asynchronously: success means the request was accepted.',
	kind: 'write',
	// Resent only after Mallcoo, asked, shows the card was not opened (transport/confirmations.ts).
	repeat: 'confirm',
	confirm: cardOpenedAsynchronously,
	actedOn: (request) => ({ mobile: request.body.Mobile }),
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
		// MallCardTypeID is a long ID; 0 (the default) or empty is not sent: the mall's default type opens.
		const cardType = parameters.optionalInteger('mallCardTypeId', { min: 0 });
		if (cardType) body.MallCardTypeID = cardType;
		body.UserInfo = encodeUserInfo(parameters, 'profile', SIGN_UP_FIELDS, true);
		return {
			path: '/User/MallCard/v1/Open/ByMallCardTypeID/',
			body: withDataSource(parameters, body),
		};
	},
};
