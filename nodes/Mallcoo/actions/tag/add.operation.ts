import { tagChangeBody, tagProperties } from '../../descriptions/tags';
import type { ApiOperation } from '../../helpers/types';

export const add: ApiOperation = {
	resource: 'tag',
	operation: 'add',
	name: 'Add',
	action: 'Add tags to a member',
	description: 'Add tags to the member with this mobile',
	kind: 'write',
	// The tag set after two identical requests is the same as after one.
	repeat: 'resend',
	actedOn: (request) => ({ mobile: request.body.Mobile, tagIds: request.body.TagIDList }),
	properties: tagProperties('add'),
	buildRequest(parameters) {
		return { path: '/User/BaseInfo/v1/AddTag/', body: tagChangeBody(parameters) };
	},
};
