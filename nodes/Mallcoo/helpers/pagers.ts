import type { IDataObject } from 'n8n-workflow';

import type { Page, Pager } from './types';
import { listOf } from './beyond';

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
