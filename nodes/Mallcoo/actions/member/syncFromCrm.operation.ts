import type { IDataObject } from 'n8n-workflow';

import { additionalFields, textField, thirdPartyCardIdField } from '../../descriptions/common';
import type { ApiOperation } from '../../helpers/types';

export const syncFromCrm: ApiOperation = {
	resource: 'member',
	operation: 'syncFromCrm',
	name: 'Sync From CRM',
	action: "Sync a member's grade and points from a CRM",
	description:
		"Push a member's current grade and points from an offline CRM to the card bound online",
	kind: 'write',
	// The grade and points are set, not added: sending them twice changes nothing.
	repeat: 'resend',
	actedOn: (request) => ({ thirdPartyCardId: request.body.ThirdPartyCardID }),
	properties: [
		thirdPartyCardIdField(
			'The member ID in your CRM. When re-keying the member, the ID before the change.',
		),
		textField('vipGrade', 'VIP Grade', "The member's current grade code in your CRM", {
			apiName: 'UpdateDic.VipGrade',
			chinese: '当前会员等级',
		}),
		{
			displayName: 'Points',
			name: 'bonus',
			type: 'number',
			default: 0,
			required: true,
			description: "The member's current points balance (not a change)",
			hint: 'Mallcoo: UpdateDic.Bonus (当前积分)',
		},
		additionalFields([
			{
				displayName: 'New Third-Party Card ID',
				name: 'newThirdPartyCardId',
				type: 'string',
				default: '',
				description:
					'Mallcoo: UpdateDic.ThirdPartyCardID (第三方会员ID). Set to give the member a new CRM ID.',
			},
			{
				displayName: 'New Third-Party Card Number',
				name: 'newThirdPartyCardNo',
				type: 'string',
				default: '',
				description:
					'Mallcoo: UpdateDic.ThirdPartyCardNo (第三方会员卡号). Required by Mallcoo when the card number changes with the ID.',
			},
		]),
	],
	buildRequest(parameters) {
		const additional = parameters.fields('additionalFields');
		// The documents' example sends every UpdateDic value as text.
		const updateDic: IDataObject = {
			VipGrade: parameters.text('vipGrade'),
			// A points balance: a whole number of at least 0.
			Bonus: String(parameters.integer('bonus', { min: 0 })),
		};
		const newId = additional.text('newThirdPartyCardId');
		const newNo = additional.text('newThirdPartyCardNo');
		if (newId) updateDic.ThirdPartyCardID = newId;
		if (newNo) updateDic.ThirdPartyCardNo = newNo;
		return {
			path: '/User/AdvancedInfo/v1/Update/ByThirdPartyCardID/',
			body: { ThirdPartyCardID: parameters.text('thirdPartyCardId'), UpdateDic: updateDic },
		};
	},
};
