import type { INodeProperties } from 'n8n-workflow';

import type { MallcooOperation } from '../helpers/types';
import { operations as activityOperations } from './activity';
import { operations as analyticsOperations } from './analytics';
import { operations as eCommerceOperations } from './eCommerce';
import { operations as groupBuyOperations } from './groupBuy';
import { operations as posOrderOperations } from './posOrder';
import { operations as consumptionOperations } from './consumption';
import { operations as couponOperations } from './coupon';
import { operations as customOperations } from './custom';
import { operations as giftOperations } from './gift';
import { operations as memberOperations } from './member';
import { operations as memberCardOperations } from './memberCard';
import { operations as oauthOperations } from './oauth';
import { operations as parkingOperations } from './parking';
import { operations as pointsOperations } from './points';
import { operations as shopOperations } from './shop';
import { operations as tagOperations } from './tag';
import { operations as userOperations } from './user';

/**
 * Resources sorted by display name, as n8n lists options; internal values are the contract's.
 * "Other Endpoint" (custom) is not named "Custom API Call": see actions/custom/call.operation.ts.
 */
const RESOURCES = [
	{ name: 'Activity', value: 'activity', operations: activityOperations },
	{ name: 'Analytics', value: 'analytics', operations: analyticsOperations },
	{ name: 'E-Commerce', value: 'eCommerce', operations: eCommerceOperations },
	{ name: 'Group-Buy', value: 'groupBuy', operations: groupBuyOperations },
	{ name: 'POS Order', value: 'posOrder', operations: posOrderOperations },
	{ name: 'Consumption', value: 'consumption', operations: consumptionOperations },
	{ name: 'Coupon', value: 'coupon', operations: couponOperations },
	{ name: 'Gift', value: 'gift', operations: giftOperations },
	{ name: 'Member', value: 'member', operations: memberOperations },
	{ name: 'Member Card', value: 'memberCard', operations: memberCardOperations },
	{ name: 'OAuth', value: 'oauth', operations: oauthOperations },
	{ name: 'Other Endpoint', value: 'custom', operations: customOperations },
	{ name: 'Parking', value: 'parking', operations: parkingOperations },
	{ name: 'Points', value: 'points', operations: pointsOperations },
	{ name: 'Shop', value: 'shop', operations: shopOperations },
	{ name: 'Tag', value: 'tag', operations: tagOperations },
	{ name: 'User', value: 'user', operations: userOperations },
].sort((a, b) => a.name.localeCompare(b.name, 'en'));

export const ALL_OPERATIONS: MallcooOperation[] = RESOURCES.flatMap(
	(resource) => resource.operations,
);

export function findOperation(resource: string, operation: string): MallcooOperation | undefined {
	return ALL_OPERATIONS.find(
		(candidate) => candidate.resource === resource && candidate.operation === operation,
	);
}

/** An operation's own parameters, shown only when it is selected. */
function scoped(operation: MallcooOperation): INodeProperties[] {
	return operation.properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: {
				...property.displayOptions?.show,
				resource: [operation.resource],
				operation: [operation.operation],
			},
		},
	}));
}

/** Resource selector, one operation selector per resource, then every operation's parameters. */
export const operationProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'member',
		options: RESOURCES.map(({ name, value }) => ({ name, value })),
	},
	...RESOURCES.map((resource): INodeProperties => {
		const firstOperation = resource.operations[0].operation;
		return {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			default: firstOperation,
			options: resource.operations
				.map((operation) => ({
					name: operation.name,
					value: operation.operation,
					action: operation.action,
					description: operation.description,
				}))
				.sort((a, b) => a.name.localeCompare(b.name)),
		};
	}),
	...ALL_OPERATIONS.flatMap(scoped),
];
