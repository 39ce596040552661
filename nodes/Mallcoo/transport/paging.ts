import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { ApiOperation, MallcooRequest, Pager } from '../helpers/types';
import { callMallcooForData } from './call';
import type { MallcooContext, TransportSettings } from './settings';

/**
 * The safety net: no item reads more pages than this. At the page sizes the operations use
 * (10 to 100 entries) it is far beyond any mall's gifts, shops or coupons; reaching it means the
 * platform keeps answering full pages, and the item fails rather than loop on.
 */
export const MAX_PAGES = 1000;

/**
 * Reads one item's list, page after page, each page one request through the same engine as
 * every other operation (signing, retries, the rate ceiling). Returns the entries in the order
 * the platform gave them, at most `request.limit` of them.
 *
 * It stops at the first of: the limit reached (no further page is asked for), a page with fewer
 * entries than the page size (an empty one included), a page that brings no entry not seen
 * before (a platform that repeats its last page past the end), an endpoint that answers all at
 * once. A total count in the answer is never used to decide, so a misreported total neither
 * skips nor repeats a page. A cursor that does not move on fails the item (asking again would
 * fetch the same page twice), as does reaching MAX_PAGES.
 */
export async function fetchPages(
	context: MallcooContext,
	operation: ApiOperation & { pager: Pager },
	request: MallcooRequest,
	settings: TransportSettings,
	itemIndex: number,
): Promise<IDataObject[]> {
	const { pager } = operation;
	const limit = request.limit;
	const size = pager.pageSize(limit);
	const entries: IDataObject[] = [];
	const seen = pager.entryKey ? new Set<unknown>() : undefined;
	/** Every page body sent for this item: none is sent twice. */
	const sent = new Set<string>();
	let cursor: unknown;
	for (let index = 1; ; index++) {
		if (index > MAX_PAGES) {
			throw new NodeOperationError(
				context.getNode(),
				`Mallcoo ${operation.resource}/${operation.operation} stopped after ${MAX_PAGES} pages (item ${itemIndex + 1})`,
				{
					itemIndex,
					description:
						'Every page came back full. Narrow the list with Filters, or turn off Return All and set a Limit.',
				},
			);
		}
		const body = pager.pageBody(request.body, { index, size, cursor });
		const bodyText = JSON.stringify(body);
		if (sent.has(bodyText)) {
			throw new NodeOperationError(
				context.getNode(),
				`Mallcoo ${operation.resource}/${operation.operation}: the platform sent a full page but no new paging position (item ${itemIndex + 1})`,
				{
					itemIndex,
					description: `After ${entries.length} entries the next page would be asked for with the same body as an earlier one (${bodyText}). Reading on would fetch the same page twice, so the item stops here.`,
				},
			);
		}
		sent.add(bodyText);
		const answer = await callMallcooForData(
			context,
			operation,
			{ ...request, body },
			settings,
			itemIndex,
		).then(
			(data) => ({ data }),
			(error: Error & { context?: IDataObject }) => ({ error }),
		);
		if ('error' in answer) {
			const meaning = answer.error.context;
			if (
				pager.endsOnNoData &&
				meaning?.mallcooMeaning === 'notFound' &&
				meaning.mallcooAbout === 'data'
			)
				return entries;
			throw answer.error;
		}
		const { data } = answer;
		const page = pager.readPage(data);
		let fresh = 0;
		for (const entry of page.entries) {
			if (seen) {
				const key = pager.entryKey!(entry);
				if (seen.has(key)) continue;
				seen.add(key);
			}
			fresh++;
			entries.push(entry);
			if (limit !== undefined && entries.length >= limit) return entries;
		}
		if (size === undefined || page.entries.length < size || fresh === 0) return entries;
		cursor = page.cursor;
	}
}
