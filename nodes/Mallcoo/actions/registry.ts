import type { INodeProperties } from 'n8n-workflow';

import type { MallcooOperation } from '../helpers/types';
import { operations as memberOperations } from './member';
import { operations as memberCardOperations } from './memberCard';
import { operations as oauthOperations } from './oauth';
import { operations as tagOperations } from './tag';
import { operations as userOperations } from './user';

/** Resources in the order the node lists them; internal values are the contract's. */
const RESOURCES = [
	{ name: 'Member', value: 'member', operations: memberOperations },
	{ name: 'Member Card', value: 'memberCard', operations: memberCardOperations },
	{ name: 'OAuth', value: 'oauth', operations: oauthOperations },
	{ name: 'Tag', value: 'tag', operations: tagOperations },
	{ name: 'User', value: 'user', operations: userOperations },
];

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
