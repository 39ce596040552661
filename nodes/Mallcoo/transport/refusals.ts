import type { JsonObject } from 'n8n-workflow';

/**
 * How the node recognises two kinds of refusal that change what it does. The platform publishes
 * no error-code page (docs/mallcoo-protocol.md), so both are assumptions, kept here in one place:
 * the codes are those of this project's sandbox (sandbox/codes.ts), the message patterns what
 * the platform's Chinese messages say.
 */

/** "Not found": the member or CRM card asked for does not exist (sandbox 3001, 3005). */
const NOT_FOUND_CODES = new Set([3001, 3005]);

export const isNotFound = (code: unknown): boolean => NOT_FOUND_CODES.has(Number(code));

/**
 * "This transaction ID was already used": the points and consumption pages say a TransID must
 * not repeat within the app (https://docs.mallcoo.cn/open/api/Score.html), but not how a repeat
 * is refused. Recognised by the sandbox's code (3006), or by a message that names the ID as repeated.
 */
const REPEATED_TRANSACTION_CODES = new Set([3006]);
const REPEATED_TRANSACTION_MESSAGE =
	/(TransID|事务ID|交易ID|流水).*(重复|已存在|已使用)|重复提交|duplicate/i;

export function isRepeatedTransactionRefusal(response: JsonObject | undefined): boolean {
	if (response?.Code === undefined) return false;
	return (
		REPEATED_TRANSACTION_CODES.has(Number(response.Code)) ||
		REPEATED_TRANSACTION_MESSAGE.test(String(response.Message ?? ''))
	);
}
