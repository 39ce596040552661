import { textField } from '../../descriptions/common';
import type { ApiOperation } from '../../helpers/types';
import { INCLUDE_USER_TOKEN_NOTICE, withoutBearerValues } from '../../helpers/userToken';
import { dataObject } from '../../transport/envelope';

export const exchangeTicket: ApiOperation = {
	resource: 'oauth',
	operation: 'exchangeTicket',
	name: 'Exchange Ticket',
	action: 'Exchange a sign-in ticket for a user token',
	description:
		"Trade the Ticket from a sign-in callback (valid 5 minutes) for the user's token and basic information",
	kind: 'read',
	repeat: 'resend',
	properties: [
		textField(
			'ticket',
			'Ticket',
			'The Ticket query parameter Mallcoo added to your callback address',
			{
				apiName: 'Ticket',
			},
		),
		{
			displayName: INCLUDE_USER_TOKEN_NOTICE,
			name: 'userTokenNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { '/options.includeUserToken': [true] } },
		},
	],
	buildRequest(parameters) {
		return {
			path: '/User/OAuth/v1/GetToken/ByTicket/',
			body: { Ticket: parameters.text('ticket') },
		};
	},
	// The UserToken stays out of the output (and so out of saved executions) unless asked for.
	outputItems(data, options) {
		const answer = dataObject(data) ?? {};
		return [options.includeUserToken === true ? answer : withoutBearerValues(answer)];
	},
};
