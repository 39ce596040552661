import type { IDataObject } from 'n8n-workflow';

import type { ItemParameters } from './parameters';

/** Adds the optional DataSource of a card opening (Additional Fields) to its body. */
export function withDataSource(parameters: ItemParameters, body: IDataObject): IDataObject {
	const additional = parameters.fields('additionalFields');
	if (additional.values.dataSource) body.DataSource = additional.integer('dataSource');
	return body;
}

/** The body of adding or removing tags: the same three keys on both endpoints. */
export const tagChangeBody = (parameters: ItemParameters): IDataObject => ({
	Mobile: parameters.mobile('mobile'),
	TagIDList: parameters.tagIds('tagIds'),
	Desc: parameters.optionalText('description') ?? null,
});
