import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	ACTIVITY_INTERESTS,
	CONTACT_CHANNELS,
	CONVEYANCE,
	EDUCATION,
	GENDER,
	HAS_CHILDREN,
	HOBBIES,
	INCOME,
	MARITAL_STATUS,
	SHOPPING_CATEGORIES,
} from './profileCodes';

/**
 * The member fields the platform accepts in a `UserInfo` string, as one table: it generates the
 * node's collection fields and turns their values into the platform's JSON.
 */
export interface ProfileField {
	name: string;
	apiName: string;
	displayName: string;
	chinese: string;
	type: 'string' | 'number' | 'options' | 'multiOptions' | 'boolean' | 'date';
	options?: INodePropertyOptions[];
}

const field = (
	name: string,
	apiName: string,
	displayName: string,
	chinese: string,
	type: ProfileField['type'] = 'string',
	options?: INodePropertyOptions[],
): ProfileField => ({ name, apiName, displayName, chinese, type, options });

const NAME = field('userName', 'UserName', 'Name', '姓名');
const GENDER_FIELD = field('gender', 'Gender', 'Gender', '性别', 'options', GENDER);
const AGE = field('age', 'Age', 'Age', '年龄', 'number');
const BIRTHDAY = field('birthday', 'Birthday', 'Birthday', '生日', 'date');
const ADDRESS = field('address', 'Address', 'Address', '详细地址');

/** What "Update" may change (the User API page allows UserName, Gender, Age, Birthday and Address only). */
export const UPDATABLE_FIELDS = [NAME, GENDER_FIELD, AGE, BIRTHDAY, ADDRESS];

/** The documented sign-up fields of "Open With Profile". */
export const SIGN_UP_FIELDS = [
	NAME,
	GENDER_FIELD,
	AGE,
	BIRTHDAY,
	field('idNum', 'IDNum', 'ID Number', '身份证件号码'),
	field('email', 'Email', 'Email', '邮箱'),
	field('education', 'Education', 'Education', '学历', 'options', EDUCATION),
	field('marital', 'Marital', 'Marital Status', '婚姻状况', 'options', MARITAL_STATUS),
	field('hasChildren', 'HasChildren', 'Has Children', '是否有子女', 'options', HAS_CHILDREN),
	field('childrenCount', 'ChildrenCount', 'Number of Children', '子女个数', 'number'),
	ADDRESS,
	field('business', 'Business', 'Occupation', '职业'),
	field('income', 'Income', 'Income', '收入', 'options', INCOME),
	field('conveyance', 'Conveyance', 'Usual Transport', '交通工具', 'options', CONVEYANCE),
	field('wechat', 'Wechat', 'WeChat ID', '微信号'),
	field('reference', 'Reference', 'Referrer', '推荐人'),
	field('inviteCode', 'InviteCode', 'Invite Code', '邀请码'),
	field('hobbyList', 'HobbyList', 'Hobbies', '业余爱好', 'multiOptions', HOBBIES),
	field('thirdCardNo', 'ThirdCardNo', 'Third-Party Card Number', '第三方卡号'),
	field('isPostal', 'IsPostal', 'Accepts Post', '是否接受邮递', 'boolean'),
	field(
		'focusInfoList',
		'FocusInfoList',
		'Interested In',
		'关注信息',
		'multiOptions',
		SHOPPING_CATEGORIES,
	),
	field(
		'acceptInfoTypeList',
		'AcceptInfoTypeList',
		'Contact Channels',
		'接收信息方式',
		'multiOptions',
		CONTACT_CHANNELS,
	),
	field(
		'shoppingInterestList',
		'ShoppingInterestList',
		'Shopping Preferences',
		'购物喜好',
		'multiOptions',
		SHOPPING_CATEGORIES,
	),
	field(
		'activeInterestList',
		'ActiveInterestList',
		'Activity Preferences',
		'活动喜好',
		'multiOptions',
		ACTIVITY_INTERESTS,
	),
	field('carNo', 'CarNO', 'Car Plate Number', '车牌号'),
	...Array.from({ length: 20 }, (_, index) =>
		field(`remark${index + 1}`, `Remark${index + 1}`, `Remark ${index + 1}`, `备注${index + 1}`),
	),
];

/** Yes/No as the platform codes it; a choice, so that it can start empty. */
const YES_NO = [
	{ name: 'No', value: 0 },
	{ name: 'Yes', value: 1 },
];

/**
 * A field added to the collection starts empty, whatever its kind: a pre-filled 0, "Unknown" or
 * "No" would overwrite what the member entered. An empty field is not sent.
 */
function collectionOption(field: ProfileField): INodeProperties {
	const common = {
		displayName: field.displayName,
		name: field.name,
		description: `Mallcoo: ${field.apiName} (${field.chinese})`,
	};
	switch (field.type) {
		case 'options':
			return { ...common, type: 'options', options: field.options ?? [], default: '' };
		case 'multiOptions':
			return { ...common, type: 'multiOptions', options: field.options ?? [], default: [] };
		case 'boolean':
			return { ...common, type: 'options', options: YES_NO, default: '' };
		case 'number':
			return { ...common, type: 'number', typeOptions: { minValue: 0 }, default: '' };
		case 'date':
			// A date, not a moment: a date-and-time picker would invite a time the platform drops.
			return { ...common, type: 'string', placeholder: '1990-01-31', default: '' };
		default:
			return { ...common, type: 'string', default: '' };
	}
}

/** The fields as options of an n8n collection. */
export const profileCollectionOptions = (fields: ProfileField[]): INodeProperties[] =>
	fields.map(collectionOption);
