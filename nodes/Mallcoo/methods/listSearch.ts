import {
	NodeOperationError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchItems,
	type INodeListSearchResult,
} from 'n8n-workflow';

import { getMany as couponGetMany } from '../actions/coupon/getMany.operation';
import { getCategories as giftGetCategories } from '../actions/gift/getCategories.operation';
import { getMany as shopGetMany } from '../actions/shop/getMany.operation';
import { listOf } from '../descriptions/list';
import { LIST_SEARCH } from '../descriptions/locators';
import type { ApiOperation } from '../helpers/types';
import { callMallcooForData } from '../transport/call';
import {
	budgetOf,
	CREDENTIAL_TYPE,
	transportSettings,
	type TransportSettings,
} from '../transport/settings';

/** Put-ins per page of the picker: the documented maximum of Coupon/PutIn/v4/GetAll. */
const PUT_IN_PAGE = 100;

/**
 * The editor waits on a picker: a shorter time-out and fewer attempts than a run's defaults, in
 * the same per-credential budget as the runs, so a picker never pushes past their ceiling.
 */
async function settingsOf(context: ILoadOptionsFunctions): Promise<TransportSettings> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	return transportSettings(
		context,
		credentials,
		{ timeout: 15_000, maxAttempts: 2 },
		budgetOf(context, credentials),
	);
}

/** One request through the node's signed engine; a failure says in the picker what went wrong. */
async function load(
	context: ILoadOptionsFunctions,
	operation: ApiOperation,
	what: string,
	body: IDataObject,
	path: string,
): Promise<unknown> {
	try {
		return await callMallcooForData(
			context,
			operation,
			{ path, body },
			await settingsOf(context),
			0,
		);
	} catch (error) {
		const reason = String((error as Error).message).replace(/^.*? failed: /, '');
		const failure = new NodeOperationError(
			context.getNode(),
			`Could not load the ${what} from Mallcoo: ${reason}`,
			{
				description:
					(error as { description?: string }).description ??
					'Check the Mallcoo credential (keys, API Base URL) and that this app may read them; or switch to By ID.',
			},
		);
		failure.message = `Could not load the ${what} from Mallcoo: ${reason}`;
		throw failure;
	}
}

const matches = (filter: string | undefined, ...texts: unknown[]) => {
	const wanted = filter?.trim().toLowerCase();
	return (
		!wanted ||
		texts.some((text) =>
			String(text ?? '')
				.toLowerCase()
				.includes(wanted),
		)
	);
};

/** Coupon put-ins, a page of 100 at a time: the name (when Mallcoo sends one), the ID, the stock left. */
async function searchPutIns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const pageIndex = Number(paginationToken) > 0 ? Number(paginationToken) : 1;
	const page = listOf(
		await load(
			this,
			couponGetMany,
			'coupon put-ins',
			{ PageIndex: pageIndex, PageSize: PUT_IN_PAGE },
			'/Coupon/PutIn/v4/GetAll/',
		),
	);
	const results: INodeListSearchItems[] = page
		.filter((putIn) => matches(filter, putIn.PICMID, putIn.CouponName))
		.map((putIn) => {
			// The recovered page ends before any name field; a name is shown when Mallcoo sends one.
			const label = putIn.CouponName ? `${putIn.CouponName} (${putIn.PICMID})` : putIn.PICMID;
			return {
				name: `${label} · ${putIn.StoreOverCount} of ${putIn.StoreCount} left`,
				value: String(putIn.PICMID),
			};
		});
	return {
		results,
		paginationToken: page.length >= PUT_IN_PAGE ? String(pageIndex + 1) : undefined,
	};
}

/** Shops of the mall, all in one request (no PageSize): name, floor and unit. */
async function searchShops(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const shops = listOf(await load(this, shopGetMany, 'shops', {}, '/Shop/V1/GetList/'));
	return {
		results: shops
			.filter((shop) => matches(filter, shop.Name, shop.McShopID, shop.FloorName, shop.DoorNo))
			.map((shop) => ({
				name: [shop.Name, shop.FloorName, shop.DoorNo].filter((part) => part).join(' · '),
				value: String(shop.McShopID),
			})),
	};
}

/** Gift categories of the mall, in one request. */
async function searchGiftCategories(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const categories = listOf(
		await load(this, giftGetCategories, 'gift categories', {}, '/Gift/V1/GetCategoryList/'),
	);
	return {
		results: categories
			.filter((category) => matches(filter, category.Name, category.GiftCategoryID))
			.map((category) => ({ name: String(category.Name), value: String(category.GiftCategoryID) })),
	};
}

export const listSearch = {
	[LIST_SEARCH.putIns]: searchPutIns,
	[LIST_SEARCH.shops]: searchShops,
	[LIST_SEARCH.giftCategories]: searchGiftCategories,
};
