import type { INodeProperties } from 'n8n-workflow';

import { mobileField } from './fields';
import type { MallcooOperation, ApiOperation } from './types';

const tagProperties = (verb: string): INodeProperties[] => [
	mobileField(),
	{
		displayName: 'Tag IDs',
		name: 'tagIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '30,31,32',
		description: `IDs of the tags to ${verb}, separated by commas, or a list of numbers from an expression. The mall gives you the tag IDs.`,
		hint: 'Mallcoo: TagIDList (标签ID集合)',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'An optional note stored with the change',
		hint: 'Mallcoo: Desc (备注)',
	},
];

function tagOperation(operation: 'add' | 'remove'): ApiOperation {
	const adding = operation === 'add';
	return {
		resource: 'tag',
		operation,
		name: adding ? 'Add' : 'Remove',
		action: adding ? 'Add tags to a member' : 'Remove tags from a member',
		description: adding
			? 'Add tags to the member with this mobile'
			: 'Remove tags from the member with this mobile',
		kind: 'write',
		// Adding or removing the same tags twice leaves the member as once.
		safeToRepeat: true,
		properties: tagProperties(adding ? 'add' : 'remove'),
		buildRequest(parameters) {
			return {
				path: adding ? '/User/BaseInfo/v1/AddTag/' : '/User/BaseInfo/v1/DelTag/',
				body: {
					Mobile: parameters.mobile('mobile'),
					TagIDList: parameters.tagIds('tagIds'),
					Desc: parameters.optionalText('description') ?? null,
				},
			};
		},
	};
}

export const tagOperations: MallcooOperation[] = [tagOperation('add'), tagOperation('remove')];
