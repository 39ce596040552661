import { mobileField } from '../../descriptions/common';
import { lookupReadProperties } from '../../descriptions/lookup';
import type { ApiOperation } from '../../helpers/types';

export const getProfile: ApiOperation = {
	resource: 'member',
	operation: 'getProfile',
	name: 'Get Profile',
	action: "Get a member's full profile",
	description:
		'Get all 60+ profile fields of a member: education, income, hobbies, remarks and more',
	kind: 'read',
	lookup: true,
	repeat: 'resend',
	properties: [mobileField(), ...lookupReadProperties],
	buildRequest(parameters) {
		return {
			path: '/User/AdvancedInfo/v1/GetMemberInfo/ByMobile/',
			body: { Mobile: parameters.mobile('mobile') },
		};
	},
};
