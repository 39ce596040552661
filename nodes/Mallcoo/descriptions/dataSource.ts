import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemParameters } from '../helpers/values/itemParameters';
import { additionalFields } from './common';

/**
 * The optional DataSource of a card opening (Additional Fields): a platform code from the
 * project's enumeration list (https://docs.mallcoo.cn/open/api/User.html), so a whole number of
 * at least 0; 0 (the field's default) means not sent.
 */
export const dataSourceField: INodeProperties = additionalFields([
	{
		displayName: 'Data Source',
		name: 'dataSource',
		type: 'number',
		default: 0,
		description:
			'Mallcoo: DataSource (开卡平台来源). The platform code of the channel the card was opened in, from your Mallcoo enumeration list; leave 0 to not send it.',
	},
]);

/** Adds the Data Source, when given, to a card opening's body. */
export function withDataSource(parameters: ItemParameters, body: IDataObject): IDataObject {
	const dataSource = parameters.fields('additionalFields').integer('dataSource', { min: 0 });
	if (dataSource) body.DataSource = dataSource;
	return body;
}
