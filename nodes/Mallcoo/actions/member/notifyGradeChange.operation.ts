import type { IDataObject } from 'n8n-workflow';

import {
	additionalFields,
	textField,
	thirdPartyCardIdField,
	urlEncoded,
} from '../../descriptions/common';
import type { ApiOperation } from '../../helpers/types';

/** 会员等级变更通知: https://docs.mallcoo.cn/open/api/CRM.html */
export const notifyGradeChange: ApiOperation = {
	resource: 'member',
	operation: 'notifyGradeChange',
	name: 'Notify Grade Change',
	action: "Notify Mallcoo that a member's CRM grade changed",
	description: "Tell Mallcoo a member's grade went up or down in the CRM",
	kind: 'write',
	// The grade after two identical notices is the grade after one.
	repeat: 'resend',
	properties: [
		thirdPartyCardIdField('The member ID in your CRM'),
		textField('beforeCardCode', 'Grade Before', 'The card grade code before the change', {
			apiName: 'BeforeCardCode',
			chinese: '变更前卡等级',
		}),
		textField('afterCardCode', 'Grade After', 'The card grade code after the change', {
			apiName: 'AfterCardCode',
			chinese: '变更后卡等级',
		}),
		{
			displayName: 'Change Type',
			name: 'changeType',
			type: 'options',
			default: 0,
			options: [
				{ name: 'Upgrade', value: 0 },
				{ name: 'Downgrade', value: 1 },
			],
			hint: 'Mallcoo: ChangeType (变更类型): 0 upgrade, 1 downgrade',
		},
		{
			displayName: 'Change Time',
			name: 'changeTime',
			type: 'dateTime',
			default: '',
			required: true,
			description:
				'When the grade changed. Sent as China time (yyyy-MM-dd HH:mm:ss); ISO text with an offset is converted.',
			hint: 'Mallcoo: ChangeTime (变更时间)',
		},
		additionalFields([
			{
				displayName: 'Grade Change ID',
				name: 'gradeChangeId',
				type: 'string',
				default: '',
				description: 'Mallcoo: GradeChangeID (等级变更记录ID). The change record in your CRM.',
			},
			{
				displayName: 'Grade Change Rule ID',
				name: 'gradeChangeRuleId',
				type: 'number',
				default: 0,
				description: 'Mallcoo: GradeChangeRuleID (升降级规则ID)',
			},
			{
				displayName: 'Grade Change Type',
				name: 'gradeChangeType',
				type: 'options',
				default: 1,
				options: [
					{ name: 'Automatic', value: 1 },
					{ name: 'Manual Adjustment', value: 2 },
				],
				description:
					'Mallcoo: GradeChangeType: 1 automatic up/downgrade (自动升降级), 2 manual (手工调整)',
			},
			{
				displayName: 'Remark',
				name: 'remark',
				type: 'string',
				default: '',
				description: 'Mallcoo: Remark (变更备注)',
			},
		]),
	],
	actedOn: (request) => ({
		thirdPartyCardId: request.body.ThirdPartyCardID,
		...(request.body.GradeChangeID ? { gradeChangeId: request.body.GradeChangeID } : {}),
	}),
	buildRequest(parameters) {
		// Grade codes and the remark are UTF-8 (URL-encoded) text on the page when not plain ASCII.
		const body: IDataObject = {
			ThirdPartyCardID: parameters.text('thirdPartyCardId'),
			BeforeCardCode: urlEncoded(parameters.text('beforeCardCode')),
			AfterCardCode: urlEncoded(parameters.text('afterCardCode')),
			ChangeType: parameters.choice('changeType', [0, 1] as const),
			ChangeTime: parameters.chinaDateTime('changeTime'),
		};
		const additional = parameters.fields('additionalFields');
		const remark = additional.text('remark', { multiline: true });
		const changeId = additional.text('gradeChangeId');
		if (remark) body.Remark = urlEncoded(remark);
		if (additional.values.gradeChangeRuleId !== undefined)
			body.GradeChangeRuleID = additional.integer('gradeChangeRuleId');
		if (additional.values.gradeChangeType !== undefined)
			body.GradeChangeType = parameters.choice('additionalFields.gradeChangeType', [1, 2] as const);
		if (changeId) body.GradeChangeID = changeId;
		return { path: '/User/AdvancedInfo/v1/UpdateGrade/Inform/', body };
	},
};
