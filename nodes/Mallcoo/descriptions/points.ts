import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemParameters } from '../helpers/values/itemParameters';
import { additionalFields, enumCodeHint, textField } from './common';
import { transactionIdField } from './transactionId';

/**
 * Adding and deducting points take the same body: https://docs.mallcoo.cn/open/api/Score.html
 * (根据用户ID增加/扣除会员积分). The page spells OpenUserId, not OpenUserID.
 */
export const pointsProperties = (verb: 'add' | 'deduct'): INodeProperties[] => [
	textField(
		'openUserId',
		'Open User ID',
		"The member's user ID for this app, as returned by sign-in or a member lookup",
		{ apiName: 'OpenUserId', chinese: '用户ID' },
	),
	{
		displayName: 'Points',
		name: 'score',
		type: 'number',
		default: 0,
		required: true,
		typeOptions: { minValue: 0 },
		description: `How many points to ${verb}; more than 0`,
		hint: verb === 'add' ? 'Mallcoo: Score (需要增加的积分)' : 'Mallcoo: Score (需要扣除的积分)',
	},
	{
		displayName: 'Score Event',
		name: 'scoreEvent',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 6',
		description:
			'The points event code, a whole number. The Mallcoo documents leave its values to the enum dictionary (their examples use 6 for adding and 1022 for deducting, without saying what they mean).',
		hint: enumCodeHint('ScoreEvent', '积分事件'),
	},
	transactionIdField('Identifies this change.'),
	additionalFields([
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'string',
			default: '',
			description: 'Mallcoo: Reason (积分变动原因). Why the points change, shown in Mallcoo.',
		},
		{
			displayName: 'User Token',
			name: 'userToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Mallcoo: UserToken (用户Token). The member's token from a sign-in, if you have one.",
		},
	]),
];

/** The body of adding or deducting points: https://docs.mallcoo.cn/open/api/Score.html */
export function pointsBody(parameters: ItemParameters): IDataObject {
	const body: IDataObject = {
		OpenUserId: parameters.text('openUserId'),
		Score: parameters.number('score', { above: 0 }),
		ScoreEvent: parameters.integer('scoreEvent'),
		TransID: parameters.text('transactionId'),
	};
	const additional = parameters.fields('additionalFields');
	const reason = additional.text('reason', { multiline: true });
	const userToken = additional.text('userToken');
	if (reason) body.Reason = reason;
	if (userToken) body.UserToken = userToken;
	return body;
}

/** What a points change acted on, shown beside `success`. */
export const pointsActedOn = (body: IDataObject): IDataObject => ({
	openUserId: body.OpenUserId,
	transactionId: body.TransID,
});
