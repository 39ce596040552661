/** The two benchmarked operations, as node parameters and as the raw request they amount to. */
import type { IDataObject } from 'n8n-workflow';

export type Op = 'member/get' | 'tag/add';
export const OPS: Op[] = ['member/get', 'tag/add'];

export const TAG_IDS = '30,31';

/** The Mallcoo node's parameters: one request per input item, mobile taken from the item. */
export function nodeParameters(op: Op, concurrency: number): IDataObject {
	const options = { concurrency };
	return op === 'member/get'
		? {
				resource: 'member',
				operation: 'get',
				findBy: 'mobile',
				mobile: '={{ $json.mobile }}',
				options,
			}
		: {
				resource: 'tag',
				operation: 'add',
				mobile: '={{ $json.mobile }}',
				tagIds: TAG_IDS,
				options,
			};
}

/**
 * Path and body the node builds for one item (nodes/Mallcoo/actions/member/get.operation.ts and tag/add.operation.ts). The bench checks
 * against the sandbox log that the baseline really sent the same bodies as the node.
 */
export function rawRequest(op: Op, mobile: string): { path: string; body: IDataObject } {
	return op === 'member/get'
		? { path: '/User/AdvancedInfo/v1/Get/ByMobile/', body: { Mobile: mobile } }
		: {
				path: '/User/BaseInfo/v1/AddTag/',
				body: { Mobile: mobile, TagIDList: TAG_IDS.split(',').map(Number), Desc: null },
			};
}
