import { mobileField } from '../../descriptions/common';
import { dataSourceField, withDataSource } from '../../descriptions/dataSource';
import { cardOpened } from '../../transport/confirmations';
import type { ApiOperation } from '../../helpers/types';

export const open: ApiOperation = {
	resource: 'memberCard',
	operation: 'open',
	name: 'Open',
	action: 'Open a member card',
	description:
		'Open a card for a mobile number you have already verified. Works only when the mall needs no sign-up fields; otherwise only the user is created.',
	kind: 'write',
	// Resent only after Mallcoo, asked, shows the write did not take effect (transport/confirmations.ts).
	repeat: 'confirm',
	confirm: cardOpened,
	actedOn: (request) => ({ mobile: request.body.Mobile }),
	properties: [mobileField(), dataSourceField],
	buildRequest(parameters) {
		return {
			path: '/User/MallCard/v1/Open/ByMobile/',
			body: withDataSource(parameters, { Mobile: parameters.mobile('mobile') }),
		};
	},
};
