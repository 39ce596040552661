import { thirdPartyCardIdField } from '../../descriptions/fields';
import type { ApiOperation } from '../../helpers/types';

export const updateStatus: ApiOperation = {
	resource: 'member',
	operation: 'updateStatus',
	name: 'Update Status',
	action: "Update a member's card status",
	description: "Change the status of the member's card; -1 deletes it",
	kind: 'write',
	repeat: 'resend',
	properties: [
		thirdPartyCardIdField('The member ID in your CRM'),
		{
			displayName: 'Card Status',
			name: 'mallCardStatus',
			type: 'number',
			default: -1,
			required: true,
			description:
				'The new status code. -1 deletes the card (the only value the Mallcoo documents define).',
			hint: 'Mallcoo: MallCardStatus (会员状态)',
		},
	],
	buildRequest(parameters) {
		return {
			path: '/User/AdvancedInfo/v1/UpdateStatus/ByThirdPartyCardID',
			body: {
				ThirdPartyCardID: parameters.text('thirdPartyCardId'),
				// -1 (delete) is the only documented code; lower numbers are no status.
				MallCardStatus: parameters.integer('mallCardStatus', { min: -1 }),
			},
		};
	},
};
