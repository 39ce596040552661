import { lookupProperties, lookupReadProperties, readLookup } from '../../descriptions/lookup';
import type { ApiOperation } from '../../helpers/types';

export const get: ApiOperation = {
	resource: 'user',
	operation: 'get',
	name: 'Get',
	action: 'Get a user',
	description: "Get a user's basic information: nickname, avatar, name, gender, age, birthday",
	kind: 'read',
	lookup: true,
	repeat: 'resend',
	properties: [
		...lookupProperties(
			['userToken', 'openUserId', 'wxOpenId', 'aliUserId'],
			'Which identifier to look the user up by',
		),
		...lookupReadProperties,
	],
	buildRequest(parameters) {
		const lookup = readLookup(parameters);
		return { path: `/User/BaseInfo/v1/Get/${lookup.path}/`, body: lookup.body };
	},
};
