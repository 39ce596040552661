import type { IDataObject } from 'n8n-workflow';

import { listOf, readLimit, returnAllProperties } from '../../descriptions/list';
import { textField } from '../../descriptions/common';
import type { ApiOperation, Page } from '../../helpers/types';

/**
 * A member's points balance and history. The endpoint is not on the public Score page: its path
 * and the body `{OpenUserID}` come from client code, its answer from the access guide's own
 * example ("获取会员积分接口": `Data.CurScore` and `Data.ScoreDetailModel`). No paging parameter
 * is known, so one request answers the whole history and a Limit keeps the first entries.
 */
export const getRecords: ApiOperation = {
	resource: 'points',
	operation: 'getRecords',
	name: 'Get Records',
	action: "Get a member's points records",
	description:
		"Get a member's points balance and history: one item per record (ID, type, signed points, time, description), each with the current balance",
	kind: 'read',
	repeat: 'resend',
	properties: [
		textField(
			'openUserId',
			'Open User ID',
			"The member's user ID for this app, as returned by sign-in or a member lookup. The endpoint is known from client code and the access guide's example, not from a documentation page.",
			{ apiName: 'OpenUserID' },
		),
		...returnAllProperties,
	],
	pager: {
		pageSize: () => undefined,
		pageBody: (body) => body,
		readPage(data): Page {
			const object = (data && typeof data === 'object' ? data : {}) as IDataObject;
			const balance = object.CurScore;
			const records = listOf(object.ScoreDetailModel);
			// No record: one item with the balance alone, so the balance is never lost.
			if (records.length === 0) return { entries: [{ CurScore: balance }] };
			return { entries: records.map((record) => ({ ...record, CurScore: balance })) };
		},
	},
	buildRequest(parameters) {
		return {
			path: '/User/Score/v2/Get/Records/',
			body: { OpenUserID: parameters.text('openUserId') },
			limit: readLimit(parameters),
		};
	},
};
