import { parameterError } from './codes';
import type { EndpointContext } from './endpoints';
import { optionalInteger, type Body } from './params';

/**
 * PageIndex (from 1) and PageSize paging of the activity and group-buy lists: a short page at
 * the end, then empty pages; with the `repeatLastPage` misreport, the last page again.
 */
export function pageOf<T>(items: readonly T[], body: Body, ctx: EndpointContext): T[] {
	const pageIndex = pageNumber(body, 'PageIndex', 1);
	const pageSize = pageNumber(body, 'PageSize', 10);
	let start = (pageIndex - 1) * pageSize;
	if (start >= items.length && ctx.mall.misreport.repeatLastPage && items.length > 0)
		start = Math.floor((items.length - 1) / pageSize) * pageSize;
	return structuredClone(items.slice(start, start + pageSize));
}

/** A page number or size: at least 1, the documented default when absent. */
function pageNumber(body: Body, name: string, fallback: number): number {
	const value = optionalInteger(body, name) ?? fallback;
	if (value < 1) throw parameterError(name, '必须大于0 (must be at least 1)');
	return value;
}
