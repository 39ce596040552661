import { optionalInteger, type Body } from '../params';
import { parameterError } from '../refusals';
import type { EndpointContext } from './endpoint';

/** PageIndex paging and page-size reading, shared by the list pages (coupons, shops, gifts, records). */

export function pageIndexed<T>(
	items: T[],
	pageIndex: number,
	pageSize: number,
	ctx: EndpointContext,
): T[] {
	let start = (pageIndex - 1) * pageSize;
	if (start >= items.length && ctx.mall.misreport.repeatLastPage && items.length > 0)
		start = Math.floor((items.length - 1) / pageSize) * pageSize;
	return structuredClone(items.slice(start, start + pageSize));
}

export function positive(
	body: Body,
	name: string,
	fallback: number | undefined,
	max?: number,
): number {
	const value = optionalInteger(body, name) ?? fallback;
	if (value === undefined) throw parameterError(name, '缺失 (missing)');
	if (value < 1) throw parameterError(name, '必须大于0 (must be at least 1)');
	if (max !== undefined && value > max)
		throw parameterError(name, `单次获取限制为最多${max}条 (at most ${max})`);
	return value;
}
