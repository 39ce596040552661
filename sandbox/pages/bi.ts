import { randomBytes } from 'crypto';

import { chinaDateTime } from '../../credentials/chinaTime';
import { WRITES } from '../counters';
import type { Endpoint } from './endpoint';
import { isChinaDateTime, requiredInteger, requiredString, urlDecoded, type Body } from '../params';
import { parameterError } from '../refusals';

/**
 * The BI event import, https://docs.mallcoo.cn/open/api/bi/BI.html: `EventType` and `EventData`,
 * the event's fields as a JSON string, URL-encoded. The events served are those whose pages were
 * recovered: 401002 商家销售V2 (https://docs.mallcoo.cn/open/api/bi/event/401002.html) and 504002
 * CRM消费积分数据 (…/event/504002.html). EventData is read strictly: a key the event's page does
 * not name, or a value of the wrong type, is 2001 naming it.
 *
 * `unique_id` de-duplicates: the page says two records with the same unique_id on the same day
 * are kept once, at random, not the later one. The sandbox keeps the first (per event type,
 * unique_id and China date of the import) and still answers with a TraceID.
 */

type Kind = 'text' | 'number' | 'integer' | 'dateTime' | 'payments' | 'discounts';

interface EventSpec {
	title: string;
	fields: Record<string, Kind>;
	required: string[];
	/** Groups of which at least one must be sent (the identity fields). */
	oneOf: string[][];
}

const PAYMENT_DETAIL: Record<string, Kind> = { pay_method: 'text', pay_amount: 'number' };
const DISCOUNT_DETAIL: Record<string, Kind> = {
	discount_type: 'text',
	discount_name: 'text',
	discount_id: 'text',
	discount_amount: 'number',
	other: 'text',
};
const DISCOUNT_REQUIRED = ['discount_type', 'discount_amount'];

export const BI_EVENTS: Readonly<Record<number, EventSpec>> = {
	401002: {
		title: '商家销售V2',
		fields: {
			time: 'dateTime',
			unique_id: 'text',
			shop_name: 'text',
			shop_code: 'text',
			shop_id: 'text',
			dev_shop_id: 'text',
			order_id: 'text',
			order_total_price: 'number',
			payment_amount: 'number',
			payment_details: 'payments',
			discount_details: 'discounts',
			thirdparty_amount: 'number',
			discount_amount: 'number',
			tax_amount: 'number',
			member_card_id: 'text',
			sales_number: 'integer',
			status: 'text',
			event_source: 'text',
			payment_method: 'text',
			other: 'text',
		},
		required: ['time', 'unique_id', 'order_total_price', 'payment_amount', 'payment_details'],
		oneOf: [['shop_code', 'shop_id', 'dev_shop_id']],
	},
	504002: {
		title: 'CRM消费积分数据',
		fields: {
			time: 'dateTime',
			unique_id: 'text',
			member_card_id: 'text',
			mobile: 'text',
			event_source: 'text',
			event_scene: 'text',
			shop_name: 'text',
			shop_code: 'text',
			shop_id: 'text',
			product_name: 'text',
			order_id: 'text',
			payment_amount: 'number',
			payment_details: 'payments',
			discount_details: 'discounts',
			action_type: 'text',
			bonus: 'number',
			bonus_scene: 'text',
			order_product_amount: 'number',
			other: 'text',
			order_total_price: 'number',
		},
		required: ['time', 'unique_id'],
		oneOf: [
			['member_card_id', 'mobile'],
			['shop_code', 'shop_id'],
		],
	},
};

const given = (data: Body, name: string) =>
	data[name] !== undefined && data[name] !== null && data[name] !== '';

function checkValue(value: unknown, kind: Kind, at: string): void {
	const wrong = (what: string) => parameterError(`EventData.${at}`, what);
	switch (kind) {
		case 'text':
			if (typeof value !== 'string') throw wrong('必须是字符串 (must be a string)');
			return;
		case 'number':
			if (typeof value !== 'number' || !Number.isFinite(value))
				throw wrong('必须是数字 (must be a number)');
			return;
		case 'integer':
			if (typeof value !== 'number' || !Number.isSafeInteger(value))
				throw wrong('必须是整数 (must be an integer)');
			return;
		case 'dateTime':
			if (typeof value !== 'string' || !isChinaDateTime(value))
				throw wrong('格式应为 yyyy-MM-dd HH:mm:ss (must be yyyy-MM-dd HH:mm:ss)');
			return;
		case 'payments':
		case 'discounts': {
			if (!Array.isArray(value)) throw wrong('必须是数组 (must be a list)');
			const fields = kind === 'payments' ? PAYMENT_DETAIL : DISCOUNT_DETAIL;
			const required = kind === 'payments' ? Object.keys(PAYMENT_DETAIL) : DISCOUNT_REQUIRED;
			value.forEach((entry, index) => {
				if (!entry || typeof entry !== 'object' || Array.isArray(entry))
					throw wrong(`[${index}] 必须是对象 (must be an object)`);
				checkObject(entry as Body, fields, required, `${at}[${index}]`);
			});
			return;
		}
	}
}

function checkObject(
	data: Body,
	fields: Record<string, Kind>,
	required: string[],
	at: string,
): void {
	for (const name of Object.keys(data)) {
		if (!fields[name])
			throw parameterError(
				`EventData.${at}${at ? '.' : ''}${name}`,
				'未定义的字段 (unknown field)',
			);
	}
	for (const name of required) {
		if (!given(data, name)) throw parameterError(`EventData.${at}${at ? '.' : ''}${name}`);
	}
	for (const [name, kind] of Object.entries(fields)) {
		if (given(data, name)) checkValue(data[name], kind, `${at}${at ? '.' : ''}${name}`);
	}
}

function eventDataOf(body: Body): Body {
	const text = urlDecoded(requiredString(body, 'EventData'), 'EventData');
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		throw parameterError('EventData', '不是JSON字符串 (not a JSON string)');
	}
	if (!data || typeof data !== 'object' || Array.isArray(data))
		throw parameterError('EventData', '必须是JSON对象 (must be a JSON object)');
	return data as Body;
}

export const BI_ENDPOINTS: readonly Endpoint[] = [
	{
		path: '/BI/Event/v1/Data/Import/',
		title: '数据导入',
		handle(body, ctx) {
			const eventType = requiredInteger(body, 'EventType');
			const spec = BI_EVENTS[eventType];
			if (!spec)
				throw parameterError(
					'EventType',
					`${eventType} 不支持 (not served by the sandbox: 401002, 504002)`,
				);
			const data = eventDataOf(body);
			checkObject(data, spec.fields, spec.required, '');
			for (const group of spec.oneOf) {
				if (!group.some((name) => given(data, name)))
					throw parameterError(`EventData.${group.join('/')}`, '至少填一个 (one is required)');
			}
			const now = chinaDateTime(ctx.now);
			const uniqueId = data.unique_id as string;
			const key = `${eventType}|${uniqueId}|${now.slice(0, 10)}`;
			const traceId = randomBytes(12).toString('hex');
			if (!ctx.mall.biImports.has(key)) {
				ctx.mall.biImports.set(key, {
					TraceID: traceId,
					EventType: eventType,
					unique_id: uniqueId,
					EventData: data,
					ImportedOn: now.slice(0, 10),
					At: now,
				});
				ctx.store.applied.add(WRITES.biImport, `${eventType}|${uniqueId}`);
			}
			return { TraceID: traceId };
		},
	},
];
