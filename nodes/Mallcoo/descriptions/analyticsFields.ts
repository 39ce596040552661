import type { INodeProperties } from 'n8n-workflow';

/**
 * Fields of the BI event import, https://docs.mallcoo.cn/open/api/bi/BI.html, and its events'
 * pages (event/401002.html, event/504002.html). Hints name the event's own field (`BI: order_id`)
 * so they can be matched to those pages.
 */

export const biTerm = (field: string) => `BI: ${field}`;

const biText = (name: string, displayName: string, field: string) => ({
	displayName,
	name,
	type: 'string' as const,
	default: '',
	description: biTerm(field),
});

const biNumber = (name: string, displayName: string, field: string) => ({
	displayName,
	name,
	type: 'number' as const,
	default: 0,
	description: biTerm(field),
});

export const eventTimeField = (what: string): INodeProperties => ({
	displayName: 'Time',
	name: 'time',
	type: 'dateTime',
	default: '',
	required: true,
	description: `${what}. Sent as China time (yyyy-MM-dd HH:mm:ss); ISO text with an offset is converted.`,
	hint: biTerm('time'),
});

/** unique_id: Mallcoo's de-duplication key, from the user's data or built from the event. */
export const uniqueIdProperties: INodeProperties[] = [
	{
		displayName: 'Unique ID Source',
		name: 'uniqueIdSource',
		type: 'options',
		noDataExpression: true,
		default: 'given',
		description:
			'Mallcoo keeps one record per unique ID a day (chosen at random, not the later one), so the ID must come from the data: then re-running the workflow imports nothing twice',
		options: [
			{
				name: 'Given Below',
				value: 'given',
				description: 'An ID from your data, such as the order number',
			},
			{
				name: 'MD5 of the Event Data',
				value: 'md5OfEventData',
				description:
					"The MD5 of the event's fields as JSON with sorted keys, as the Mallcoo page recommends: the same row always gives the same ID",
			},
		],
	},
	{
		displayName: 'Unique ID',
		name: 'uniqueId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { uniqueIdSource: ['given'] } },
		placeholder: '={{ $json.orderId }}',
		description:
			'Identifies this record, e.g. the order number. Mallcoo keeps one record per unique ID a day, at random; the node never makes one up.',
		hint: `${biTerm('unique_id')}. The page recommends the MD5 of the event's JSON with sorted keys: choose "MD5 of the Event Data" above.`,
	},
];

/** The shop identifiers an event offers, of which one is sent. */
export const BI_SHOP_ID_TYPES = {
	shopCode: { name: 'Shop Code', field: 'shop_code' },
	mcShopId: { name: 'Mallcoo Shop ID', field: 'shop_id' },
	devShopId: { name: 'Developer Shop ID', field: 'dev_shop_id' },
} as const;

export type BiShopIdType = keyof typeof BI_SHOP_ID_TYPES;

/** `types` starts with shopCode, the default. */
export const biShopProperties = (types: BiShopIdType[]): INodeProperties[] => [
	{
		displayName: 'Shop ID Type',
		name: 'shopIdType',
		type: 'options',
		noDataExpression: true,
		default: 'shopCode',
		description: 'Which shop identifier to send; the event needs one',
		options: types.map((type) => ({
			name: BI_SHOP_ID_TYPES[type].name,
			value: type,
			description: biTerm(BI_SHOP_ID_TYPES[type].field),
		})),
	},
	{
		displayName: 'Shop ID',
		name: 'shopId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'S00053',
		description: 'The shop, in the identifier chosen above',
	},
];

export const amountField = (name: string, displayName: string, field: string): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	default: 0,
	required: true,
	typeOptions: { minValue: 0, numberPrecision: 2 },
	description: 'In yuan, e.g. 128.5',
	hint: biTerm(field),
});

/** payment_details: a list of pay_method and pay_amount. */
export const paymentDetailsField = (required: boolean): INodeProperties => ({
	displayName: 'Payment Details',
	name: 'paymentDetails',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Payment',
	default: {},
	required,
	description: `How it was paid, one entry per payment method${required ? ' (at least one)' : ''}`,
	hint: biTerm('payment_details'),
	options: [
		{
			displayName: 'Payment',
			name: 'payments',
			values: [
				{
					displayName: 'Pay Method',
					name: 'payMethod',
					type: 'string',
					default: '',
					placeholder: 'e.g. WeChat Pay',
					description: biTerm('pay_method'),
				},
				{
					displayName: 'Pay Amount',
					name: 'payAmount',
					type: 'number',
					default: 0,
					typeOptions: { numberPrecision: 2 },
					description: `${biTerm('pay_amount')}, in yuan`,
				},
			],
		},
	],
});

/** discount_details: coupons, points deductions, spend-and-save, discounts. */
export const discountDetailsField: INodeProperties = {
	displayName: 'Discount Details',
	name: 'discountDetails',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Discount',
	default: {},
	description: 'The discounts applied, one entry each',
	hint: biTerm('discount_details'),
	options: [
		{
			displayName: 'Discount',
			name: 'discounts',
			values: [
				{
					displayName: 'Discount Type',
					name: 'discountType',
					type: 'string',
					default: '',
					placeholder: 'e.g. coupon',
					description: `${biTerm('discount_type')}, e.g. coupon, points deduction, spend-and-save, discount; required`,
				},
				{
					displayName: 'Discount Amount',
					name: 'discountAmount',
					type: 'number',
					default: 0,
					typeOptions: { numberPrecision: 2 },
					description: `${biTerm('discount_amount')}, in yuan; required`,
				},
				biText('discountName', 'Discount Name', 'discount_name'),
				biText('discountId', 'Discount ID', 'discount_id'),
				biText('other', 'Other', 'other'),
			],
		},
	],
};

export { biNumber, biText };
