import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Page, Pager } from '../helpers/types';
import type { ItemParameters } from '../helpers/values/itemParameters';

// What list operations share: Return All / Limit, Filters, and how each endpoint pages (the one
// paging loop that drives a pager is transport/paging.ts).

/** Return All / Limit, as n8n's own nodes offer them. */
export const returnAllProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		displayOptions: { show: { returnAll: [false] } },
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
	},
];

/** The optional filters of a list, under the usual "Filters" collection. */
export const filtersField = (options: INodeProperties[]): INodeProperties => ({
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options,
});

/** Return All / Limit: undefined means every entry. */
export function readLimit(parameters: ItemParameters): number | undefined {
	if (parameters.boolean('returnAll')) return undefined;
	const limit = parameters.integer('limit');
	if (limit < 1) parameters.fail('limit', `must be at least 1, but is ${limit}`);
	return limit;
}

/** The list in a page's `Data`, or none. */
export const listOf = (value: unknown): IDataObject[] =>
	Array.isArray(value) ? (value as IDataObject[]) : [];

/**
 * Paging by PageIndex (from 1) and PageSize, with `Data` a list, as the Coupon and Gift pages
 * document it. `maxPageSize`: the largest page asked for (the documented maximum, or the
 * documented default where no maximum is given). `key` names the field that identifies an entry,
 * so a page served twice (a platform repeating its last page) is recognised.
 */
export function pageIndexPager(maxPageSize: number, key: string): Pager {
	return {
		pageSize: (limit) => Math.min(limit ?? maxPageSize, maxPageSize),
		pageBody: (body, { index, size }) => ({ ...body, PageIndex: index, PageSize: size }),
		readPage: (data): Page => ({ entries: listOf(data) }),
		entryKey: (entry) => entry[key],
	};
}

/** One request answers everything, `Data` a list (gift categories). */
export const singleListPager: Pager = {
	pageSize: () => undefined,
	pageBody: (body) => body,
	readPage: (data): Page => ({ entries: listOf(data) }),
};

/** The field of a Data object that holds the list, and the one that holds the next cursor. */
export function cursorPager(
	pageSize: number,
	listField: string,
	cursorField: string,
	firstCursor: number,
): Pager {
	return {
		pageSize: (limit) => Math.min(limit ?? pageSize, pageSize),
		pageBody: (body, { size, cursor }) => ({
			...body,
			PageSize: size,
			[cursorField]: (cursor as number | undefined) ?? firstCursor,
		}),
		readPage: (data): Page => {
			const object = (data && typeof data === 'object' ? data : {}) as IDataObject;
			return { entries: listOf(object[listField]), cursor: object[cursorField] };
		},
	};
}
