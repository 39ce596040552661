import type { IDataObject } from 'n8n-workflow';

import { additionalFields, mobileField } from '../../descriptions/common';
import { mobileChanged } from '../../transport/confirmations';
import type { ApiOperation } from '../../helpers/types';

export const changeMobile: ApiOperation = {
	resource: 'member',
	operation: 'changeMobile',
	name: 'Change Mobile',
	action: "Change a member's mobile number",
	description: 'Move an online member from their old mobile number to a new one',
	kind: 'write',
	// Resent only after Mallcoo, asked, shows the write did not take effect (transport/confirmations.ts).
	repeat: 'confirm',
	confirm: mobileChanged,
	actedOn: (request) => ({ oldMobile: request.body.OldMobile, mobile: request.body.Mobile }),
	properties: [
		mobileField('oldMobile', 'Old Mobile', "The member's current mobile number"),
		mobileField('mobile', 'New Mobile', 'The mobile number to move the member to'),
		additionalFields([
			{
				displayName: 'CRM Reference ID',
				name: 'thirdCrmRefId',
				type: 'string',
				default: '',
				description: 'Mallcoo: ThirdCRMRefID (第三方CRM关联ID)',
			},
			{
				displayName: 'Remark',
				name: 'remark',
				type: 'string',
				default: '',
				description: 'Mallcoo: Remark (备注)',
			},
			{
				displayName: 'Changed By ID',
				name: 'updatorId',
				type: 'number',
				default: 0,
				description: 'Mallcoo: UpdatorID (修改人ID)',
			},
			{
				displayName: 'Changed By',
				name: 'updator',
				type: 'string',
				default: '',
				description: 'Mallcoo: Updator (修改人)',
			},
		]),
	],
	buildRequest(parameters) {
		const additional = parameters.fields('additionalFields');
		const body: IDataObject = {
			Mobile: parameters.mobile('mobile'),
			OldMobile: parameters.mobile('oldMobile'),
		};
		const refId = additional.text('thirdCrmRefId');
		const remark = additional.text('remark', { multiline: true });
		// UpdatorID is a long: a user ID, so a whole number of at least 0; 0 (the default) is not sent.
		const updatorId = additional.integer('updatorId', { min: 0 });
		const updator = additional.text('updator');
		if (refId) body.ThirdCRMRefID = refId;
		// The documents ask for these two texts URL-encoded.
		if (remark) body.Remark = encodeURIComponent(remark);
		if (updatorId) body.UpdatorID = updatorId;
		if (updator) body.Updator = encodeURIComponent(updator);
		return { path: '/User/AdvancedInfo/v1/ChangeOnlineUserMobile/', body };
	},
};
