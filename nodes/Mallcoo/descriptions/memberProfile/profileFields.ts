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
	type: 'string' | 'number' | 'options' | 'multiOptions' | 'boolean' | 'date';
	options?: INodePropertyOptions[];
}

const field = (
	name: string,
	apiName: string,
	displayName: string,
	type: ProfileField['type'] = 'string',
	options?: INodePropertyOptions[],
): ProfileField => ({ name, apiName, displayName, type, options });

const NAME = field('userName', 'UserName', 'Name');
const GENDER_FIELD = field('gender', 'Gender', 'Gender', 'options', GENDER);
const AGE = field('age', 'Age', 'Age', 'number');
const BIRTHDAY = field('birthday', 'Birthday', 'Birthday', 'date');
const ADDRESS = field('address', 'Address', 'Address');

/** What "Update" may change (the User API page allows UserName, Gender, Age, Birthday and Address only). */
export const UPDATABLE_FIELDS = [NAME, GENDER_FIELD, AGE, BIRTHDAY, ADDRESS];

/** The documented sign-up fields of "Open With Profile". */
export const SIGN_UP_FIELDS = [
	NAME,
	GENDER_FIELD,
	AGE,
	BIRTHDAY,
	field('idNum', 'IDNum', 'ID Number'),
	field('email', 'Email', 'Email'),
	field('education', 'Education', 'Education', 'options', EDUCATION),
	field('marital', 'Marital', 'Marital Status', 'options', MARITAL_STATUS),
	field('hasChildren', 'HasChildren', 'Has Children', 'options', HAS_CHILDREN),
	field('childrenCount', 'ChildrenCount', 'Number of Children', 'number'),
	ADDRESS,
	field('business', 'Business', 'Occupation'),
	field('income', 'Income', 'Income', 'options', INCOME),
	field('conveyance', 'Conveyance', 'Usual Transport', 'options', CONVEYANCE),
	field('wechat', 'Wechat', 'WeChat ID'),
	field('reference', 'Reference', 'Referrer'),
	field('inviteCode', 'InviteCode', 'Invite Code'),
	field('hobbyList', 'HobbyList', 'Hobbies', 'multiOptions', HOBBIES),
	field('thirdCardNo', 'ThirdCardNo', 'Third-Party Card Number'),
	field('isPostal', 'IsPostal', 'Accepts Post', 'boolean'),
	field('focusInfoList', 'FocusInfoList', 'Interested In', 'multiOptions', SHOPPING_CATEGORIES),
	field(
		'acceptInfoTypeList',
		'AcceptInfoTypeList',
		'Contact Channels',
		'multiOptions',
		CONTACT_CHANNELS,
	),
	field(
		'shoppingInterestList',
		'ShoppingInterestList',
		'Shopping Preferences',
		'multiOptions',
		SHOPPING_CATEGORIES,
	),
	field(
		'activeInterestList',
		'ActiveInterestList',
		'Activity Preferences',
		'multiOptions',
		ACTIVITY_INTERESTS,
	),
	field('carNo', 'CarNO', 'Car Plate Number'),
	...Array.from({ length: 20 }, (_, index) =>
		field(`remark${index + 1}`, `Remark${index + 1}`, `Remark ${index + 1}`),
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
		description: `Mallcoo: ${field.apiName}`,
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
