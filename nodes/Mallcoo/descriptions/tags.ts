import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemParameters } from '../helpers/values/itemParameters';
import { mobileField } from './common';

/** The parameters of adding and removing tags. */
export const tagProperties = (verb: string): INodeProperties[] => [
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

/** The body of adding or removing tags: the same three keys on both endpoints. */
export const tagChangeBody = (parameters: ItemParameters): IDataObject => ({
	Mobile: parameters.mobile('mobile'),
	// TagIDList is List(long) of IDs Mallcoo generates: whole numbers of at least 1.
	TagIDList: parameters.idList('tagIds'),
	Desc: parameters.optionalText('description', { multiline: true }) ?? null,
});
