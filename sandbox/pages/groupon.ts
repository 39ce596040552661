import type { Endpoint } from './endpoint';
import { optionalInteger } from '../params';
import { parameterError } from '../refusals';
import { pageIndexed, positive } from './paging';

/**
 * Group-buy (团购), https://docs.mallcoo.cn/open/api/Groupon.html: the category list (its
 * example's three categories) and the list, `TuanType` 1 normal or 3 flash sale, `CategoryID`,
 * `PageIndex` and `PageSize` (defaults 1 and 10). A group-buy carries the fields recovered, up to
 * `EndTime`.
 */

export const GROUPON_CATEGORIES = [
	{ CategoryID: 31, Name: '秒杀', Weight: 2 },
	{ CategoryID: 12, Name: '精选团购', Weight: 1 },
	{ CategoryID: 10, Name: '超值团购', Weight: 0 },
] as const;

export interface Groupon {
	GrouponID: number;
	Name: string;
	CategoryID: number;
	/** 1 normal, 3 flash sale (秒杀). */
	Type: number;
	/** 1 on shelf (上架), 0 off (下架). */
	ShelfStatus: number;
	StartTime: string;
	EndTime: string;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** Group-buys 8001 … 8023: those of category 31 (秒杀) are flash sales; every fifth is off shelf. */
export const GROUPONS: readonly Groupon[] = Array.from({ length: 23 }, (_, index) => {
	const i = index + 1;
	const category = GROUPON_CATEGORIES[i % GROUPON_CATEGORIES.length];
	return {
		GrouponID: 8000 + i,
		Name: `${category.Name} ${pad(i)}`,
		CategoryID: category.CategoryID,
		Type: category.CategoryID === 31 ? 3 : 1,
		ShelfStatus: i % 5 === 0 ? 0 : 1,
		StartTime: `2026-03-${pad(i)} 10:00:00`,
		EndTime: `2026-04-${pad(i)} 22:00:00`,
	};
});

export const GROUPON_ENDPOINTS: readonly Endpoint[] = [
	{
		path: '/Groupon/v1/GetCategoryList',
		title: '团购分类列表',
		handle: () => structuredClone([...GROUPON_CATEGORIES]),
	},
	{
		path: '/Groupon/v1/GetList',
		title: '团购列表',
		handle(body, ctx) {
			const type = optionalInteger(body, 'TuanType');
			if (type !== undefined && type !== 1 && type !== 3)
				throw parameterError('TuanType', '只能是 1 (普通) 或 3 (秒杀) (must be 1 or 3)');
			const categoryId = optionalInteger(body, 'CategoryID');
			const groupons = GROUPONS.filter(
				(groupon) =>
					(type === undefined || groupon.Type === type) &&
					(categoryId === undefined || groupon.CategoryID === categoryId),
			);
			return pageIndexed(
				[...groupons],
				positive(body, 'PageIndex', 1),
				positive(body, 'PageSize', 10),
				ctx,
			);
		},
	},
];
