/** The benchmarked operations, as node parameters and as the raw request they amount to. */
import type { IDataObject } from 'n8n-workflow';

/** The two operations of the full grid (every concurrency, latency and CPU-bound). */
export type Op = 'member/get' | 'tag/add';
export const OPS: Op[] = ['member/get', 'tag/add'];
/**
 * Plus points/add, measured at concurrency 20 only, against member/get in the same run; and a
 * data import (one shop sale, BI event 401002) against points/add.
 */
export type BenchOp = Op | 'points/add' | 'analytics/importShopSale';

export const TAG_IDS = '30,31';
export const POINTS = { score: 1, scoreEvent: '6' };
/** One sale per item, as a spreadsheet row maps onto Import Shop Sale. */
export const SALE = { soldAt: '2026-03-01 12:30:00', total: 128.5, payMethod: '微信' };

/** The Mallcoo node's parameters: one request per input item, fields taken from the item. */
export function nodeParameters(op: BenchOp, concurrency: number): IDataObject {
	const options = { concurrency };
	switch (op) {
		case 'member/get':
			return {
				resource: 'member',
				operation: 'get',
				findBy: 'mobile',
				mobile: '={{ $json.mobile }}',
				options,
			};
		case 'tag/add':
			return {
				resource: 'tag',
				operation: 'add',
				mobile: '={{ $json.mobile }}',
				tagIds: TAG_IDS,
				options,
			};
		case 'points/add':
			return {
				resource: 'points',
				operation: 'add',
				openUserId: '={{ $json.openUserId }}',
				score: POINTS.score,
				scoreEvent: POINTS.scoreEvent,
				transactionId: '={{ $json.transactionId }}',
				options,
			};
		case 'analytics/importShopSale':
			return {
				resource: 'analytics',
				operation: 'importShopSale',
				time: '={{ $json.soldAt }}',
				uniqueId: '={{ $json.orderId }}',
				shopIdType: 'shopCode',
				shopId: '={{ $json.shopCode }}',
				orderTotalPrice: '={{ $json.total }}',
				paymentAmount: '={{ $json.total }}',
				paymentDetails: {
					payments: [{ payMethod: '={{ $json.payMethod }}', payAmount: '={{ $json.total }}' }],
				},
				options,
			};
	}
}

/**
 * Path and body the node builds for one item (nodes/Mallcoo/actions/member/get.operation.ts,
 * tag/add.operation.ts, points/add.operation.ts with nodes/Mallcoo/descriptions/points.ts
 * pointsBody, and analytics/importShopSale.operation.ts, same key order). The bench checks
 * against the sandbox log that the floor and
 * the baseline really sent the same bodies as the node.
 */
export function rawRequest(op: BenchOp, item: IDataObject): { path: string; body: IDataObject } {
	switch (op) {
		case 'member/get':
			return { path: '/User/AdvancedInfo/v1/Get/ByMobile/', body: { Mobile: item.mobile } };
		case 'tag/add':
			return {
				path: '/User/BaseInfo/v1/AddTag/',
				body: { Mobile: item.mobile, TagIDList: TAG_IDS.split(',').map(Number), Desc: null },
			};
		case 'points/add':
			return {
				path: '/User/Score/v1/Plus/ByOpenUserID/',
				body: {
					OpenUserId: item.openUserId,
					Score: POINTS.score,
					ScoreEvent: Number(POINTS.scoreEvent),
					TransID: item.transactionId,
				},
			};
		case 'analytics/importShopSale': {
			// nodes/Mallcoo/helpers/analyticsEvent.ts: time and unique_id first, then the fields in order.
			const event = {
				time: item.soldAt,
				unique_id: item.orderId,
				shop_code: item.shopCode,
				order_total_price: item.total,
				payment_amount: item.total,
				payment_details: [{ pay_method: item.payMethod, pay_amount: item.total }],
			};
			return {
				path: '/BI/Event/v1/Data/Import/',
				body: { EventType: 401002, EventData: encodeURIComponent(JSON.stringify(event)) },
			};
		}
	}
}
