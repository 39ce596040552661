import type { Endpoint } from './endpoint';
import { optionalInteger } from '../params';

/**
 * E-commerce categories (电商), http://docs.mallcoo.cn/open/api/Shopping.html: the first level
 * (`Parent/GetList`, no parameters) and the second (`Child/GetList`, `ParentID`; 0 gives every
 * second-level category). Only enabled categories are answered, as the page says.
 */

const picture = (id: number) => `https://i1.mallcoo.cn/mc/sandbox-shopping-${id}_288x290.png`;
const link = (id: number) => `https://m.mallcoo.cn/a/shopping/sandbox/${id}`;

export const SHOPPING_PARENTS = [
	{ ID: 1, Name: '美妆护肤', jump: true },
	{ ID: 2, Name: '服饰鞋包', jump: false },
	{ ID: 3, Name: '食品生鲜', jump: false },
].map(({ ID, Name, jump }) => ({
	ID,
	Name,
	Picture: picture(ID),
	IsSupportJumpOtherUrl: jump,
	SysfunctionResUrl: jump ? link(ID) : '',
}));

/** Two children per parent (101, 102 under 1; …); the first of each is featured (IsChosen). */
export const SHOPPING_CHILDREN = SHOPPING_PARENTS.flatMap((parent) =>
	[1, 2].map((n) => {
		const id = parent.ID * 100 + n;
		return {
			ID: id,
			Name: `${parent.Name} ${n}`,
			ParentID: parent.ID,
			Picture: picture(id),
			IsSupportJumpOtherUrl: false,
			SysfunctionResUrl: '',
			IsChosen: n === 1,
		};
	}),
);

export const SHOPPING_ENDPOINTS: readonly Endpoint[] = [
	{
		path: '/Shopping/Category/v1/Parent/GetList',
		title: '获取第一级分类接口',
		handle: () => structuredClone(SHOPPING_PARENTS),
	},
	{
		path: '/Shopping/Category/v1/Child/GetList',
		title: '获取第二级分类接口',
		handle(body) {
			const parentId = optionalInteger(body, 'ParentID') ?? 0;
			return structuredClone(
				parentId === 0
					? SHOPPING_CHILDREN
					: SHOPPING_CHILDREN.filter((child) => child.ParentID === parentId),
			);
		},
	},
];
