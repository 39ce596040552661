import { lookupProperties, lookupReadProperties, readLookup } from '../../descriptions/lookup';
import type { ApiOperation } from '../../helpers/types';

export const checkConversion: ApiOperation = {
	resource: 'member',
	operation: 'checkConversion',
	name: 'Check Conversion',
	action: 'Check whether a member was converted by this app',
	description:
		'Check whether the member opened or bound their card online through this app (cards opened since January 2019)',
	kind: 'read',
	lookup: true,
	repeat: 'resend',
	properties: [
		...lookupProperties(['mobile', 'mallCardNo'], 'Which identifier to look the member up by'),
		...lookupReadProperties,
	],
	buildRequest(parameters) {
		return { path: '/User/AdvancedInfo/v1/Check/IsDevTrans/', body: readLookup(parameters).body };
	},
};
