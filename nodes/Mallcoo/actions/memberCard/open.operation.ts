import { dataSourceField, mobileField } from '../../descriptions/fields';
import { withDataSource } from '../../helpers/bodies';
import type { ApiOperation } from '../../helpers/types';

export const open: ApiOperation = {
	resource: 'memberCard',
	operation: 'open',
	name: 'Open',
	action: 'Open a member card',
	description:
		'Open a card for a mobile number you have already verified. Works only when the mall needs no sign-up fields; otherwise only the user is created.',
	kind: 'write',
	// A repeat after a success would meet an existing member: never resend blindly.
	repeat: 'never',
	properties: [mobileField(), dataSourceField],
	buildRequest(parameters) {
		return {
			path: '/User/MallCard/v1/Open/ByMobile/',
			body: withDataSource(parameters, { Mobile: parameters.mobile('mobile') }),
		};
	},
};
