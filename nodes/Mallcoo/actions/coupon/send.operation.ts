import type { IDataObject } from 'n8n-workflow';

import { additionalFields, mobileField, textField } from '../../descriptions/common';
import { locatorText, putInIdLocator } from '../../descriptions/locators';
import type { ApiOperation } from '../../helpers/types';

/** Entries per request unless Batch Size says otherwise, and the most it may say. */
export const SEND_BATCH = { defaultSize: 50, maxSize: 100 } as const;

const SEND_PATHS = {
	mobile: '/Coupon/v1/Send/ByMobile/',
	openUserId: '/Coupon/v1/Send/ByOpenUserID/',
} as const;

/**
 * 发券接口: no recovered official page documents it (docs/mallcoo-protocol.md, "Coupons to
 * members"). The paths, the `UserList` body (`BussinessID`, `TraceID`, `PICMID`, `Mobile` or
 * `OpenUserID`) and the answer (one entry per member: `IsSuccess`, `FailReason`, `VCode`,
 * `PICMID`, `TraceID`, with Code 1 even when entries failed) are those of public client code.
 *
 * Repeat policy after a lost answer (a time-out, a dropped connection, HTTP 5xx): **never
 * resend**. Resending the same TraceIDs would be safe only if Mallcoo refused a TraceID it has
 * already used, and nothing official says so: clients build TraceID deterministically so that
 * a retry reuses it, which suggests it, but a guess is not enough where a wrong one gives a
 * member a second coupon. Nor can the node ask Mallcoo afterwards: no known read finds a coupon
 * by TraceID, and the usable-coupon list names no put-in. So a request is retried only when it
 * surely never reached Mallcoo (connection refused, HTTP 429), and every item of a batch whose
 * answer was lost says that its outcome is unknown, in words. TraceID still comes from the
 * user's data, never from the node, so that a platform that does refuse repeats makes a re-run
 * harmless.
 */
export const send: ApiOperation = {
	resource: 'coupon',
	operation: 'send',
	name: 'Send',
	action: 'Send a coupon to members',
	description:
		"Give a put-in's coupon to each input member, many per request, each member's result on its own item",
	kind: 'write',
	repeat: 'never',
	properties: [
		{
			displayName:
				'Mallcoo documents this interface only in public client code, not on a recovered official page. Check with your Mallcoo contact how it treats a repeated Trace ID and how many members one request may carry.',
			name: 'sendNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Send To',
			name: 'sendTo',
			type: 'options',
			noDataExpression: true,
			default: 'mobile',
			description: 'How the members are identified',
			options: [
				{ name: 'Mobile', value: 'mobile', description: 'Mallcoo: Send/ByMobile (手机号)' },
				{
					name: 'Open User ID',
					value: 'openUserId',
					description: 'Mallcoo: Send/ByOpenUserID (用户ID)',
				},
			],
		},
		{
			...mobileField('mobile', 'Mobile', "The member's mobile number, e.g. {{ $json.mobile }}"),
			displayOptions: { show: { sendTo: ['mobile'] } },
		},
		textField(
			'openUserId',
			'Open User ID',
			"The member's Open User ID, e.g. {{ $json.openUserId }}",
			{ apiName: 'OpenUserID', chinese: '用户ID' },
			{ displayOptions: { show: { sendTo: ['openUserId'] } } },
		),
		putInIdLocator('The coupon put-in to give from; pick it from the list or enter its PICMID'),
		{
			displayName: 'Trace ID',
			name: 'traceId',
			type: 'string',
			default: '',
			required: true,
			placeholder: "={{ 'birthday2026-' + $json.mobile }}",
			description:
				"The entry's own ID, built from your data (a campaign plus the member), so that a re-run resends the same one and Mallcoo can refuse it. The node never makes one up, and refuses a Trace ID used twice in one run before sending anything.",
			hint: 'Mallcoo: TraceID. Public client code builds it from the app, the member and the coupon, and one pads it to 20 characters; no limit is documented',
		},
		additionalFields([
			{
				displayName: 'Business ID',
				name: 'businessId',
				type: 'string',
				default: '',
				description:
					'Your own reference for the send, passed to Mallcoo as is. Mallcoo: BussinessID (spelled so by the clients).',
			},
		]),
	],
	batching: {
		listKey: 'UserList',
		entryKey: 'TraceID',
		keyParameter: 'Trace ID',
		noun: 'the coupon',
		...SEND_BATCH,
		readEntry: (entry) =>
			entry.IsSuccess === true
				? { applied: true }
				: {
						applied: false,
						reason:
							typeof entry.FailReason === 'string' && entry.FailReason !== ''
								? entry.FailReason
								: 'no FailReason given',
					},
	},
	actedOn: ({ body }) => ({
		...(body.Mobile !== undefined ? { mobile: body.Mobile } : { openUserId: body.OpenUserID }),
		putInId: body.PICMID,
		traceId: body.TraceID,
	}),
	buildRequest(parameters) {
		const sendTo = parameters.choice('sendTo', ['mobile', 'openUserId'] as const);
		// Read without the collection's full set of readers: this runs for every member of a send.
		const { businessId } = parameters.collection('additionalFields');
		const business = parameters.textValue('additionalFields.businessId', businessId);
		// Keys in the order the clients send them.
		const entry: IDataObject = {
			BussinessID: business ?? null,
			TraceID: parameters.text('traceId'),
			PICMID: locatorText(parameters, 'putInId'),
		};
		if (sendTo === 'mobile') entry.Mobile = parameters.mobile('mobile');
		else entry.OpenUserID = parameters.text('openUserId');
		return { path: SEND_PATHS[sendTo], body: entry };
	},
};
