import type { IDataObject } from 'n8n-workflow';

import { mobileField } from '../../descriptions/common';
import { listOf, readLimit, returnAllProperties } from '../../descriptions/list';
import type { ApiOperation, Page, Pager } from '../../helpers/types';

/**
 * Pages forward by MinID: 0 first, then the CouponID of the last coupon received. Public client
 * code sends `PageSize` and `MinID` (MinID "0" for the first page) and reads `Data.CouponInfoList`
 * and `Data.Count`; the cursor's meaning is inferred from those clients, so the paging loop's
 * guard (a page never asked for twice) stays on.
 */
const usablePager: Pager = {
	pageSize: (limit) => Math.min(limit ?? 100, 100),
	pageBody: (body, { size, cursor }) => ({ ...body, PageSize: size, MinID: cursor ?? 0 }),
	readPage(data): Page {
		const object = (data && typeof data === 'object' ? data : {}) as IDataObject;
		const entries = listOf(object.CouponInfoList);
		return { entries, cursor: entries[entries.length - 1]?.CouponID };
	},
	entryKey: (entry) => entry.VCode,
	// Code 6 (no data, transport/answers.ts) for a member with no usable coupon: an empty list.
	endsOnNoData: true,
};

/**
 * 获取用户可用券 by mobile: known only from public client code (docs/mallcoo-protocol.md,
 * "Coupons to members"). Each coupon is output as Mallcoo sends it: `VCode`, `CouponName`,
 * `CouponType`, `EnableTime` and `OverdueTime` (`yyyy/MM/dd HH:mm:ss`, China time), and
 * `InsteadMoney` (an amount) or `InsteadTime` (minutes, parking coupons).
 */
export const getUsable: ApiOperation = {
	resource: 'coupon',
	operation: 'getUsable',
	name: 'Get Usable',
	action: 'Get the coupons a member can use',
	description: 'Get the coupons a member holds and can still use, one item per coupon',
	kind: 'read',
	repeat: 'resend',
	properties: [
		{
			displayName:
				'Mallcoo documents this interface only in public client code, not on a recovered official page. Check its fields with your Mallcoo contact.',
			name: 'usableNotice',
			type: 'notice',
			default: '',
		},
		mobileField('mobile', 'Mobile', "The member's mobile number, e.g. 13800000001"),
		...returnAllProperties,
	],
	pager: usablePager,
	buildRequest(parameters) {
		return {
			path: '/Coupon/v1/GetCanUse/ByMobile/',
			body: { Mobile: parameters.mobile('mobile') },
			limit: readLimit(parameters),
		};
	},
};
