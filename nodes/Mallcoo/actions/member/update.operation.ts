import { mobileField } from '../../descriptions/common';
import {
	profileCollectionOptions,
	UPDATABLE_FIELDS,
} from '../../descriptions/memberProfile/profileFields';
import { encodeUserInfo } from '../../descriptions/memberProfile/userInfo';
import type { ApiOperation } from '../../helpers/types';

export const update: ApiOperation = {
	resource: 'member',
	operation: 'update',
	name: 'Update',
	action: 'Update a member',
	description: "Update a member's name, gender, age, birthday or address",
	kind: 'write',
	repeat: 'resend',
	actedOn: (request) => ({ mobile: request.body.Mobile }),
	properties: [
		mobileField(),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'The fields to change; the platform accepts only these five',
			hint: 'Mallcoo: UserInfo (要更新的会员信息)',
			options: profileCollectionOptions(UPDATABLE_FIELDS),
		},
	],
	buildRequest(parameters) {
		return {
			path: '/User/AdvancedInfo/v1/Update/ByMobile/',
			body: {
				Mobile: parameters.mobile('mobile'),
				UserInfo: encodeUserInfo(parameters, 'updateFields', UPDATABLE_FIELDS, false),
			},
		};
	},
};
