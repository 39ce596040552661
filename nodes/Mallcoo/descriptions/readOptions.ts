import type { INodeProperties } from 'n8n-workflow';

/** What a read by an identifier offers beside its identifier: Simplify and If Not Found. */
export const lookupReadProperties: INodeProperties[] = [
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		noDataExpression: true,
		default: false,
		description:
			'Whether to return friendly field names (openUserId, mallCardNo, …) and the labels of coded values (gender, education, income, hobbies, …) instead of the data exactly as Mallcoo sends it',
	},
	{
		displayName: 'If Not Found',
		name: 'ifNotFound',
		type: 'options',
		noDataExpression: true,
		default: 'error',
		options: [
			{
				name: 'Stop With an Error',
				value: 'error',
				description: 'Fail the item (or, with On Error → Continue, output the error)',
			},
			{
				name: 'Output "Found: False"',
				value: 'empty',
				description:
					'Output an item with found set to false and the identifier asked for, so the workflow goes on; found items get found set to true',
			},
		],
		description: 'What to do when Mallcoo has no one with this identifier',
	},
];
