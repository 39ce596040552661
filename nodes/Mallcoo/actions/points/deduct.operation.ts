import type { ApiOperation } from '../../helpers/types';
import { pointsActedOn, pointsBody, pointsProperties } from '../../descriptions/points';

export const deduct: ApiOperation = {
	resource: 'points',
	operation: 'deduct',
	name: 'Deduct',
	action: 'Deduct points from a member',
	description: "Deduct points from a member's card, once per transaction ID",
	kind: 'write',
	// Mallcoo refuses a TransID it has seen: a retry resends the same one.
	repeat: 'transactionId',
	properties: pointsProperties('deduct'),
	actedOn: (request) => pointsActedOn(request.body),
	buildRequest(parameters) {
		return { path: '/User/Score/v1/Subtract/ByOpenUserID/', body: pointsBody(parameters) };
	},
};
