import type { IDataObject } from 'n8n-workflow';

import { additionalFields, lookupProperties, mobileField, readLookup, textField } from './fields';
import type { MallcooOperation } from './types';
import { UPDATABLE_FIELDS, encodeUserInfo, profileCollectionOptions } from './userInfo';

const thirdPartyCardIdField = (description: string) =>
	textField('thirdPartyCardId', 'Third-Party Card ID', description, {
		apiName: 'ThirdPartyCardID',
		chinese: '第三方会员ID',
	});

export const memberOperations: MallcooOperation[] = [
	{
		resource: 'member',
		operation: 'get',
		name: 'Get',
		action: 'Get a member',
		description:
			"Get a member's card: card number and name, points, card type and the basic user fields",
		kind: 'read',
		safeToRepeat: true,
		properties: lookupProperties(
			['mobile', 'mallCardNo', 'userToken', 'openUserId', 'wxOpenId', 'aliUserId'],
			'Which identifier to look the member up by',
		),
		buildRequest(parameters) {
			const lookup = readLookup(parameters);
			return { path: `/User/AdvancedInfo/v1/Get/${lookup.path}/`, body: lookup.body };
		},
	},
	{
		resource: 'member',
		operation: 'getProfile',
		name: 'Get Profile',
		action: "Get a member's full profile",
		description:
			'Get all 60+ profile fields of a member: education, income, hobbies, remarks and more',
		kind: 'read',
		safeToRepeat: true,
		properties: [mobileField()],
		buildRequest(parameters) {
			return {
				path: '/User/AdvancedInfo/v1/GetMemberInfo/ByMobile/',
				body: { Mobile: parameters.mobile('mobile') },
			};
		},
	},
	{
		resource: 'member',
		operation: 'update',
		name: 'Update',
		action: 'Update a member',
		description: "Update a member's name, gender, age, birthday or address",
		kind: 'write',
		safeToRepeat: true,
		properties: [
			mobileField(),
			{
				displayName: 'Update Fields',
				name: 'updateFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				description: 'The fields to change; the platform accepts only these five',
				hint: 'Mallcoo: UserInfo (要更新的会员信息)',
				options: profileCollectionOptions(UPDATABLE_FIELDS),
			},
		],
		buildRequest(parameters) {
			return {
				path: '/User/AdvancedInfo/v1/Update/ByMobile/',
				body: {
					Mobile: parameters.mobile('mobile'),
					UserInfo: encodeUserInfo(parameters, 'updateFields', UPDATABLE_FIELDS, false),
				},
			};
		},
	},
	{
		resource: 'member',
		operation: 'syncFromCrm',
		name: 'Sync From CRM',
		action: "Sync a member's grade and points from a CRM",
		description:
			"Push a member's current grade and points from an offline CRM to the card bound online",
		kind: 'write',
		// The grade and points are set, not added: sending them twice changes nothing.
		safeToRepeat: true,
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
				Bonus: String(parameters.integer('bonus')),
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
	},
	{
		resource: 'member',
		operation: 'updateStatus',
		name: 'Update Status',
		action: "Update a member's card status",
		description: "Change the status of the member's card; -1 deletes it",
		kind: 'write',
		safeToRepeat: true,
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
					MallCardStatus: parameters.integer('mallCardStatus'),
				},
			};
		},
	},
	{
		resource: 'member',
		operation: 'changeMobile',
		name: 'Change Mobile',
		action: "Change a member's mobile number",
		description: 'Move an online member from their old mobile number to a new one',
		kind: 'write',
		// A second attempt after the first went through would fail or move the wrong number.
		safeToRepeat: false,
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
			const remark = additional.text('remark');
			const updator = additional.text('updator');
			if (refId) body.ThirdCRMRefID = refId;
			// The documents ask for these two texts URL-encoded.
			if (remark) body.Remark = encodeURIComponent(remark);
			if (additional.values.updatorId) body.UpdatorID = additional.integer('updatorId');
			if (updator) body.Updator = encodeURIComponent(updator);
			return { path: '/User/AdvancedInfo/v1/ChangeOnlineUserMobile/', body };
		},
	},
	{
		resource: 'member',
		operation: 'checkConversion',
		name: 'Check Conversion',
		action: 'Check whether a member was converted by this app',
		description:
			'Check whether the member opened or bound their card online through this app (cards opened since January 2019)',
		kind: 'read',
		safeToRepeat: true,
		properties: lookupProperties(
			['mobile', 'mallCardNo'],
			'Which identifier to look the member up by',
		),
		buildRequest(parameters) {
			return { path: '/User/AdvancedInfo/v1/Check/IsDevTrans/', body: readLookup(parameters).body };
		},
	},
];
