import type { INodePropertyOptions } from 'n8n-workflow';

import { thirdPartyCardIdField } from '../../descriptions/common';
import type { ApiOperation } from '../../helpers/types';

/** MallCardStatus: the User API page documents one value (UpdateStatus/ByThirdPartyCardID). */
export const CARD_STATUSES: INodePropertyOptions[] = [
	{
		name: 'Delete the Card (-1)',
		value: -1,
		description: "Removes the member's card in Mallcoo",
	},
];

export const updateStatus: ApiOperation = {
	resource: 'member',
	operation: 'updateStatus',
	name: 'Update Status',
	action: "Update a member's card status",
	description: "Change the status of the member's card; status -1 deletes the card",
	kind: 'write',
	repeat: 'resend',
	actedOn: (request) => ({
		thirdPartyCardId: request.body.ThirdPartyCardID,
		mallCardStatus: request.body.MallCardStatus,
	}),
	properties: [
		thirdPartyCardIdField('The member ID in your CRM'),
		{
			displayName: 'Card Status',
			name: 'mallCardStatus',
			type: 'options',
			// Nothing pre-filled: the only documented status deletes the card.
			options: CARD_STATUSES,
			default: '',
			required: true,
			description:
				'The status to set. Pick one, or enter another status code from your Mallcoo contact as an expression.',
			hint: 'Mallcoo: MallCardStatus (会员状态)',
		},
		{
			displayName:
				"Card status -1 deletes the member's card in Mallcoo. It is also what Mallcoo applies when no status is sent, so the node always sends the status you pick and refuses an empty one.",
			name: 'deleteNotice',
			type: 'notice',
			default: '',
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
