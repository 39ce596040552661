import { textField } from '../../descriptions/common';
import type { ApiOperation } from '../../helpers/types';

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
				chinese: 'Ticket',
			},
		),
	],
	buildRequest(parameters) {
		return {
			path: '/User/OAuth/v1/GetToken/ByTicket/',
			body: { Ticket: parameters.text('ticket') },
		};
	},
};
