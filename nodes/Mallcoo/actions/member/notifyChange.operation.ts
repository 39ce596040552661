import type { IDataObject } from 'n8n-workflow';

import { mobileField, textField } from '../../descriptions/common';
import type { ApiOperation } from '../../helpers/types';

const FIND_BY = ['thirdPartyCardId', 'mobile'] as const;

/** 会员信息变更通知: https://docs.mallcoo.cn/open/api/CRM.html */
export const notifyChange: ApiOperation = {
	resource: 'member',
	operation: 'notifyChange',
	name: 'Notify Change',
	action: 'Notify Mallcoo that a member changed in the CRM',
	description:
		"Tell Mallcoo a member's grade, profile, points or status changed in the CRM, so it syncs them",
	kind: 'write',
	// A notice only asks Mallcoo to sync: a second one changes nothing more.
	repeat: 'resend',
	properties: [
		{
			displayName: 'Find By',
			name: 'findBy',
			type: 'options',
			noDataExpression: true,
			default: 'thirdPartyCardId',
			description: 'Which identifier names the member (Mallcoo takes one of the two)',
			options: [
				{
					name: 'Third-Party Card ID',
					value: 'thirdPartyCardId',
					description: 'Mallcoo: ThirdPartyCardID (第三方会员ID)',
				},
				{ name: 'Mobile', value: 'mobile', description: 'Mallcoo: Mobile (手机号)' },
			],
		},
		textField(
			'thirdPartyCardId',
			'Third-Party Card ID',
			'The member ID in your CRM',
			{ apiName: 'ThirdPartyCardID', chinese: '第三方会员ID' },
			{ displayOptions: { show: { findBy: ['thirdPartyCardId'] } } },
		),
		{ ...mobileField(), displayOptions: { show: { findBy: ['mobile'] } } },
	],
	actedOn: (request) =>
		request.body.Mobile
			? { mobile: request.body.Mobile }
			: { thirdPartyCardId: request.body.ThirdPartyCardID },
	buildRequest(parameters) {
		const findBy = parameters.choice('findBy', FIND_BY);
		const body: IDataObject =
			findBy === 'mobile'
				? { Mobile: parameters.mobile('mobile') }
				: { ThirdPartyCardID: parameters.text('thirdPartyCardId') };
		return { path: '/User/AdvancedInfo/v1/Update/Notice/', body };
	},
};
