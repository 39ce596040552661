import { tagChangeBody, tagProperties } from '../../descriptions/tags';
import type { ApiOperation } from '../../helpers/types';

export const remove: ApiOperation = {
	resource: 'tag',
	operation: 'remove',
	name: 'Remove',
	action: 'Remove tags from a member',
	description: 'Remove tags from the member with this mobile',
	kind: 'write',
	// The tag set after two identical requests is the same as after one.
	repeat: 'resend',
	actedOn: (request) => ({ mobile: request.body.Mobile, tagIds: request.body.TagIDList }),
	properties: tagProperties('remove'),
	buildRequest(parameters) {
		return { path: '/User/BaseInfo/v1/DelTag/', body: tagChangeBody(parameters) };
	},
};
