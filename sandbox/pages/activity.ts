import type { Endpoint } from './endpoint';
import { optionalInteger, requiredInteger } from '../params';
import { parameterError, Refusal } from '../refusals';
import { pageIndexed, positive } from './paging';

/**
 * Activities (活动). No documentation page was recovered: paths, request keys and fields are
 * those of public client code (a mall integration that copied the platform's field names):
 * `Event/Activity/V1/GetCategoryList/` (`ParentID`), `GetList/` (`ActivityCategoryID`,
 * `ActivitySubCategoryID`, `State` 1 upcoming 2 ongoing 3 ended, `PageSize` default 10,
 * `PageIndex` default 1) and `GetDetail/` (`ActivityID`).
 */

export interface ActivityCategory {
	ActivityCategoryID: number;
	Name: string;
	TypeIcon: string;
	/** The sandbox's own: which level-1 category a sub-category belongs to (not served). */
	parent?: number;
}

const icon = (id: number) => `http://i1.mallcoo.cn/mc/sandbox-activity-type-${id}.png`;

export const ACTIVITY_CATEGORIES: readonly ActivityCategory[] = [
	{ ActivityCategoryID: 1, Name: '亲子活动', TypeIcon: icon(1) },
	{ ActivityCategoryID: 2, Name: '会员活动', TypeIcon: icon(2) },
	{ ActivityCategoryID: 3, Name: '节日活动', TypeIcon: icon(3) },
	{ ActivityCategoryID: 11, Name: '手工课堂', TypeIcon: icon(11), parent: 1 },
	{ ActivityCategoryID: 12, Name: '亲子运动', TypeIcon: icon(12), parent: 1 },
	{ ActivityCategoryID: 21, Name: '会员日', TypeIcon: icon(21), parent: 2 },
	{ ActivityCategoryID: 22, Name: '积分活动', TypeIcon: icon(22), parent: 2 },
	{ ActivityCategoryID: 31, Name: '春节', TypeIcon: icon(31), parent: 3 },
];

export interface Activity {
	ActivityID: number;
	Name: string;
	SubTitle: string;
	Photo: string;
	/** 1 upcoming (即将开始), 2 ongoing (进行中), 3 ended (已结束). */
	State: number;
	StartTime: string;
	EndTime: string;
	ActivityCategoryID: number;
	ActivitySubCategoryID: number;
}

/** The detail's extra fields, registration settings included. */
export interface ActivityDetail extends Omit<Activity, 'State'> {
	Article: string;
	Pact: string;
	Rank: number;
	IsNeedSign: boolean;
	IsAudit: boolean;
	SignStartTime?: string;
	SignEndTime?: string;
	SignCondition: string;
	IsDeductionBonus: boolean;
	DeductionBonus?: number;
	TotalCountLimit: number;
	PageUrl: string;
}

const SUBS = ACTIVITY_CATEGORIES.filter((category) => category.parent !== undefined);
const pad = (value: number) => String(value).padStart(2, '0');

/** Activities 3001 … 3027: activity i has State 1 + i % 3 and sub-category SUBS[i % 5]. */
export const ACTIVITIES: readonly Activity[] = Array.from({ length: 27 }, (_, index) => {
	const i = index + 1;
	const sub = SUBS[i % SUBS.length];
	const state = 1 + (i % 3);
	const month = state === 3 ? 1 : state === 2 ? 6 : 12;
	return {
		ActivityID: 3000 + i,
		Name: `${sub.Name} ${pad(i)}`,
		SubTitle: `第${i}期`,
		Photo: `http://i1.mallcoo.cn/mc/sandbox-activity-${3000 + i}.jpg`,
		State: state,
		StartTime: `2026-${pad(month)}-01 10:00:00`,
		EndTime: `2026-${pad(month)}-28 18:00:00`,
		ActivityCategoryID: sub.parent!,
		ActivitySubCategoryID: sub.ActivityCategoryID,
	};
});

/** Even activities need registration; every fourth costs points. */
function detailOf(activity: Activity): ActivityDetail {
	const fields: Partial<Activity> = { ...activity };
	delete fields.State;
	const needsSign = activity.ActivityID % 2 === 0;
	const costsPoints = activity.ActivityID % 4 === 0;
	return {
		...(fields as Omit<Activity, 'State'>),
		Article: `<p>${activity.Name}</p>`,
		Pact: '每人限报名一次',
		Rank: activity.ActivityID - 3000,
		IsNeedSign: needsSign,
		IsAudit: needsSign && activity.ActivityID % 3 === 0,
		...(needsSign ? { SignStartTime: activity.StartTime, SignEndTime: activity.EndTime } : {}),
		SignCondition: needsSign ? '会员可报名' : '',
		IsDeductionBonus: costsPoints,
		...(costsPoints ? { DeductionBonus: 100 } : {}),
		TotalCountLimit: needsSign ? 50 : 0,
		PageUrl: `https://m.mallcoo.cn/a/activity/sandbox/${activity.ActivityID}`,
	};
}

export const ACTIVITY_ENDPOINTS: readonly Endpoint[] = [
	{
		path: '/Event/Activity/V1/GetCategoryList/',
		title: '获取活动分类',
		handle(body) {
			const parentId = optionalInteger(body, 'ParentID');
			return ACTIVITY_CATEGORIES.filter((category) => category.parent === parentId).map(
				({ ActivityCategoryID, Name, TypeIcon }) => ({ ActivityCategoryID, Name, TypeIcon }),
			);
		},
	},
	{
		path: '/Event/Activity/V1/GetList/',
		title: '获取活动列表',
		handle(body, ctx) {
			const categoryId = optionalInteger(body, 'ActivityCategoryID');
			const subCategoryId = optionalInteger(body, 'ActivitySubCategoryID');
			const state = optionalInteger(body, 'State');
			if (state !== undefined && ![1, 2, 3].includes(state))
				throw parameterError('State', '只能是 1, 2 或 3 (must be 1, 2 or 3)');
			const activities = ACTIVITIES.filter(
				(activity) =>
					(categoryId === undefined || activity.ActivityCategoryID === categoryId) &&
					(subCategoryId === undefined || activity.ActivitySubCategoryID === subCategoryId) &&
					(state === undefined || activity.State === state),
			);
			return pageIndexed(
				activities,
				positive(body, 'PageIndex', 1),
				positive(body, 'PageSize', 10),
				ctx,
			);
		},
	},
	{
		path: '/Event/Activity/V1/GetDetail/',
		title: '获取活动详情',
		handle(body) {
			const activityId = requiredInteger(body, 'ActivityID');
			const activity = ACTIVITIES.find((candidate) => candidate.ActivityID === activityId);
			if (!activity) throw new Refusal('activityNotFound', String(activityId));
			return detailOf(activity);
		},
	},
];
