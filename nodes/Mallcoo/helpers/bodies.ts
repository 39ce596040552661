import type { IDataObject } from 'n8n-workflow';

import type { ItemParameters } from './values/itemParameters';

/**
 * Adds the optional DataSource of a card opening (Additional Fields) to its body: a platform code
 * from the project's enumeration list (https://docs.mallcoo.cn/open/api/User.html), so a whole
 * number of at least 0; 0 (the field's default) means not sent.
 */
export function withDataSource(parameters: ItemParameters, body: IDataObject): IDataObject {
	const dataSource = parameters.fields('additionalFields').integer('dataSource', { min: 0 });
	if (dataSource) body.DataSource = dataSource;
	return body;
}

/** The body of adding or removing tags: the same three keys on both endpoints. */
export const tagChangeBody = (parameters: ItemParameters): IDataObject => ({
	Mobile: parameters.mobile('mobile'),
	// TagIDList is List(long) of IDs Mallcoo generates: whole numbers of at least 1.
	TagIDList: parameters.idList('tagIds'),
	Desc: parameters.optionalText('description', { multiline: true }) ?? null,
});
