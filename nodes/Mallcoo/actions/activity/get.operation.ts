import type { ApiOperation } from '../../helpers/types';
import { CLIENT_CODE_NOTE } from '../../descriptions/activity';

/**
 * 获取活动详情, `Event/Activity/V1/GetDetail/`: the list's fields (without State) plus the
 * article, rules and registration settings (IsNeedSign, IsAudit, SignStartTime/SignEndTime,
 * SignCondition, IsDeductionBonus/DeductionBonus, TotalCountLimit) and the H5 address.
 */
export const get: ApiOperation = {
	resource: 'activity',
	operation: 'get',
	name: 'Get',
	action: 'Get an activity',
	description: `Get one activity with its article, rules and registration settings. ${CLIENT_CODE_NOTE}`,
	kind: 'read',
	repeat: 'resend',
	properties: [
		{
			displayName: 'Activity ID',
			name: 'activityId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '3001',
			description: 'The activity, as Activity → Get Many outputs it (ActivityID)',
			hint: `Mallcoo: ActivityID. ${CLIENT_CODE_NOTE}`,
		},
	],
	buildRequest(parameters) {
		// Typed long in client code: sent as a whole number.
		const activityId = parameters.integer('activityId', { min: 1 });
		return { path: '/Event/Activity/V1/GetDetail/', body: { ActivityID: activityId } };
	},
};
