import { lookupProperties, lookupReadProperties, readLookup } from '../../descriptions/lookup';
import type { ApiOperation } from '../../helpers/types';

export const get: ApiOperation = {
	resource: 'member',
	operation: 'get',
	name: 'Get',
	action: 'Get a member',
	description:
		"Get a member's card: card number and name, points, card type and the basic user fields",
	kind: 'read',
	lookup: true,
	repeat: 'resend',
	properties: [
		...lookupProperties(
			['mobile', 'mallCardNo', 'userToken', 'openUserId', 'wxOpenId', 'aliUserId'],
			'Which identifier to look the member up by',
		),
		...lookupReadProperties,
	],
	buildRequest(parameters) {
		const lookup = readLookup(parameters);
		return { path: `/User/AdvancedInfo/v1/Get/${lookup.path}/`, body: lookup.body };
	},
};
