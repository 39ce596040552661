import type { ApiOperation } from '../../helpers/types';
import { pointsActedOn, pointsBody, pointsProperties } from '../../descriptions/points';

export const add: ApiOperation = {
	resource: 'points',
	operation: 'add',
	name: 'Add',
	action: 'Add points to a member',
	description: "Add points to a member's card, once per transaction ID",
	kind: 'write',
	// Mallcoo refuses a TransID it has seen: a retry resends the same one.
	repeat: 'transactionId',
	properties: pointsProperties('add'),
	actedOn: (request) => pointsActedOn(request.body),
	buildRequest(parameters) {
		return { path: '/User/Score/v1/Plus/ByOpenUserID/', body: pointsBody(parameters) };
	},
};
