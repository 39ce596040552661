import type { IDataObject } from 'n8n-workflow';

import { SHOP_ID_TYPES, type ShopIdType } from '../descriptions/beyondFields';
import type { ItemParameters } from './values/itemParameters';

/**
 * The one shop identifier the Consume and Return pages ask for (任其选一必填): McShopID is typed
 * long there, so it is sent as a whole number; CrmShopID and DevShopID are text.
 * https://docs.mallcoo.cn/open/api/Consume.html
 */
const SHOP_ID_TYPE_VALUES = Object.keys(SHOP_ID_TYPES) as ShopIdType[];

export function readShop(parameters: ItemParameters): IDataObject {
	const type = parameters.choice('shopIdType', SHOP_ID_TYPE_VALUES);
	const apiName = SHOP_ID_TYPES[type].apiName;
	const id = parameters.text('shopId');
	if (type === 'mcShopId') {
		if (!/^\d+$/.test(id) || Number(id) < 1 || !Number.isSafeInteger(Number(id)))
			parameters.fail(
				'shopId',
				`must be a positive whole number for a Mallcoo Shop ID, but is "${id}"`,
			);
		return { [apiName]: Number(id) };
	}
	return { [apiName]: id };
}

/** Return All / Limit: undefined means every entry. */
export function readLimit(parameters: ItemParameters): number | undefined {
	if (parameters.boolean('returnAll')) return undefined;
	const limit = parameters.integer('limit');
	if (limit < 1) parameters.fail('limit', `must be at least 1, but is ${limit}`);
	return limit;
}

/** Text the pages ask for "UTF-8 (UrlEncode)": plate numbers, brands, remarks. */
export const urlEncoded = (text: string) => encodeURIComponent(text);

/** The list in a page's `Data`, or none. */
export const listOf = (value: unknown): IDataObject[] =>
	Array.isArray(value) ? (value as IDataObject[]) : [];

/** The body of adding or deducting points: https://docs.mallcoo.cn/open/api/Score.html */
export function pointsBody(parameters: ItemParameters): IDataObject {
	const body: IDataObject = {
		OpenUserId: parameters.text('openUserId'),
		Score: parameters.number('score', { above: 0 }),
		ScoreEvent: parameters.integer('scoreEvent'),
		TransID: parameters.text('transactionId'),
	};
	const additional = parameters.fields('additionalFields');
	const reason = additional.text('reason', { multiline: true });
	const userToken = additional.text('userToken');
	if (reason) body.Reason = reason;
	if (userToken) body.UserToken = userToken;
	return body;
}

/** What a points change acted on, shown beside `success`. */
export const pointsActedOn = (body: IDataObject): IDataObject => ({
	openUserId: body.OpenUserId,
	transactionId: body.TransID,
});
