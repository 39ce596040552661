import type { IDataObject } from 'n8n-workflow';

import {
	filtersField,
	pageIndexPager,
	readLimit,
	returnAllProperties,
} from '../../descriptions/list';
import type { ApiOperation } from '../../helpers/types';

/**
 * 获取券模板投放信息V4: https://docs.mallcoo.cn/open/api/Coupon.html. PageIndex from 1, PageSize
 * at most 100 (单次获取限制为最多100条).
 */
export const getMany: ApiOperation = {
	resource: 'coupon',
	operation: 'getMany',
	name: 'Get Many',
	action: 'Get many coupon put-ins',
	description:
		'Get the coupon templates put into this app: put-in ID (PICMID), stock left and claim limits',
	kind: 'read',
	repeat: 'resend',
	properties: [
		...returnAllProperties,
		filtersField([
			{
				displayName: 'Put-In IDs',
				name: 'putInIds',
				type: 'string',
				default: '',
				placeholder: 'PICM001,PICM002',
				description:
					'Mallcoo: PICMIDList (投放ID集合). Only these put-ins: IDs separated by commas, or a list from an expression.',
			},
		]),
	],
	pager: pageIndexPager(100, 'PICMID'),
	buildRequest(parameters) {
		const body: IDataObject = {};
		const ids =
			textList(parameters.raw('filters.putInIds', '')) ??
			parameters.fail('filters.putInIds', 'must be IDs separated by commas, or a list of texts');
		if (ids.length > 0) body.PICMIDList = ids;
		return { path: '/Coupon/PutIn/v4/GetAll/', body, limit: readLimit(parameters) };
	},
};

/** `a,b` text, one value, or a list, as a list of non-empty texts; undefined if not readable. */
function textList(value: unknown): string[] | undefined {
	const parts = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(/[,\s，]+/)
			: typeof value === 'number'
				? [value]
				: value === undefined || value === null
					? []
					: undefined;
	if (!parts) return undefined;
	const texts: string[] = [];
	for (const part of parts) {
		if (typeof part !== 'string' && typeof part !== 'number') return undefined;
		const text = String(part).trim();
		if (text !== '') texts.push(text);
	}
	return texts;
}
