import { hash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { BI_SHOP_ID_TYPES, type BiShopIdType } from './analyticsFields';
import type { ItemParameters } from '../helpers/values/itemParameters';
import type { MallcooRequest } from '../helpers/types';

/**
 * Building one BI event import, https://docs.mallcoo.cn/open/api/bi/BI.html: `EventType`, and
 * `EventData` the event's fields as a JSON string, UTF-8 URL-encoded (not a nested object).
 */

export const BI_IMPORT_PATH = '/BI/Event/v1/Data/Import/';

/** JSON with every object's keys sorted, so the same fields always give the same text. */
function sortedJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const object = value as IDataObject;
		const keys = Object.keys(object).sort();
		return `{${keys.map((key) => `${JSON.stringify(key)}:${sortedJson(object[key])}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/**
 * The event's data with its unique_id, placed right after `time`: the given one, or the MD5 of
 * the other fields as JSON with sorted keys (the page's recommendation).
 */
export function withUniqueId(parameters: ItemParameters, fields: IDataObject): IDataObject {
	const { time, ...rest } = fields;
	const uniqueId =
		parameters.choice('uniqueIdSource', ['given', 'md5OfEventData'] as const) === 'given'
			? parameters.text('uniqueId', { maxLength: 200 })
			: hash('md5', sortedJson(fields), 'hex');
	return { time, unique_id: uniqueId, ...rest };
}

/** The one shop identifier, as text under the event's own key (shop_code, shop_id, dev_shop_id). */
export function biShop(parameters: ItemParameters, types: readonly BiShopIdType[]): IDataObject {
	const type = parameters.choice('shopIdType', types);
	return { [BI_SHOP_ID_TYPES[type].field]: parameters.text('shopId') };
}

/** The entries of a multiple-values fixed collection, each a plain object. */
function entriesOf(parameters: ItemParameters, name: string, group: string): IDataObject[] {
	const collection = parameters.collection(name);
	const entries = collection[group];
	if (entries === undefined || entries === null) return [];
	if (!Array.isArray(entries)) parameters.fail(name, 'must be a list of entries');
	return entries as IDataObject[];
}

/** payment_details: [{ pay_method, pay_amount }], both required in each entry. */
export function paymentDetails(parameters: ItemParameters, required: boolean): IDataObject[] {
	const payments = entriesOf(parameters, 'paymentDetails', 'payments');
	if (required && payments.length === 0)
		parameters.fail('paymentDetails', 'needs at least one payment (Mallcoo requires it)');
	return payments.map((payment, index) => {
		const at = (field: string) => `paymentDetails.payments.${field}`;
		const method = parameters.textValue(at('payMethod'), payment.payMethod);
		const amount = parameters.numberValue(at('payAmount'), payment.payAmount);
		if (method === undefined) parameters.fail(at('payMethod'), `is empty in payment ${index + 1}`);
		if (amount === undefined) parameters.fail(at('payAmount'), `is empty in payment ${index + 1}`);
		return { pay_method: method, pay_amount: amount };
	});
}

/** discount_details: discount_type and discount_amount required, the rest when given. */
export function discountDetails(parameters: ItemParameters): IDataObject[] {
	return entriesOf(parameters, 'discountDetails', 'discounts').map((discount, index) => {
		const at = (field: string) => `discountDetails.discounts.${field}`;
		const type = parameters.textValue(at('discountType'), discount.discountType);
		const amount = parameters.numberValue(at('discountAmount'), discount.discountAmount);
		if (type === undefined)
			parameters.fail(at('discountType'), `is empty in discount ${index + 1}`);
		if (amount === undefined)
			parameters.fail(at('discountAmount'), `is empty in discount ${index + 1}`);
		const entry: IDataObject = { discount_type: type, discount_amount: amount };
		const name = parameters.textValue(at('discountName'), discount.discountName);
		const id = parameters.textValue(at('discountId'), discount.discountId);
		const other = parameters.textValue(at('other'), discount.other, { multiline: true });
		if (name !== undefined) entry.discount_name = name;
		if (id !== undefined) entry.discount_id = id;
		if (other !== undefined) entry.other = other;
		return entry;
	});
}

/** The Additional Fields of an event, each sent under its own key when filled in. */
export function optionalEventFields(
	parameters: ItemParameters,
	texts: Readonly<Record<string, string>>,
	numbers: Readonly<Record<string, string>>,
	integers: Readonly<Record<string, string>> = {},
): IDataObject {
	const additional = parameters.fields('additionalFields');
	const fields: IDataObject = {};
	for (const [name, key] of Object.entries(texts)) {
		const value = additional.text(name, { multiline: name === 'other' });
		if (value !== undefined) fields[key] = value;
	}
	for (const [name, key] of Object.entries(numbers)) {
		const value = additional.number(name);
		if (value !== undefined) fields[key] = value;
	}
	for (const [name, key] of Object.entries(integers)) {
		const value = additional.integer(name);
		if (value !== undefined) fields[key] = value;
	}
	return fields;
}

export const biImportRequest = (eventType: number, eventData: IDataObject): MallcooRequest => ({
	path: BI_IMPORT_PATH,
	body: { EventType: eventType, EventData: encodeURIComponent(JSON.stringify(eventData)) },
});

/** What an import acted on, beside `success` and Mallcoo's TraceID: the event as it was sent. */
export function biActedOn(request: MallcooRequest): IDataObject {
	const event = JSON.parse(decodeURIComponent(String(request.body.EventData))) as IDataObject;
	return { eventType: request.body.EventType, uniqueId: event.unique_id, event };
}
