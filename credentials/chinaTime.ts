/**
 * China Standard Time (UTC+8, no daylight saving), the only time zone Mallcoo speaks: the
 * signature's TimeStamp, and every date-time a request or an answer carries. One place, used by
 * the signer, the node and the sandbox.
 */

export const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** The calendar fields of an instant as a clock in China shows them. */
function chinaClock(milliseconds: number) {
	const china = new Date(milliseconds + CHINA_UTC_OFFSET_MS);
	return {
		date: `${pad(china.getUTCFullYear(), 4)}-${pad(china.getUTCMonth() + 1)}-${pad(china.getUTCDate())}`,
		time: `${pad(china.getUTCHours())}:${pad(china.getUTCMinutes())}:${pad(china.getUTCSeconds())}`,
	};
}

/** `yyyy-MM-dd HH:mm:ss` of an instant, in China time, whatever the machine's time zone. */
export function chinaDateTime(instant: Date | number = Date.now()): string {
	const { date, time } = chinaClock(typeof instant === 'number' ? instant : instant.getTime());
	return `${date} ${time}`;
}

/** `yyyyMMddHHmmss` (the signature's TimeStamp) of an instant, in China time. */
export function chinaTimeStamp(instant: Date | number = Date.now()): string {
	return chinaDateTime(instant).replace(/\D/g, '');
}

/** Reads a `yyyyMMddHHmmss` China-time stamp back into a Date; undefined when it is not one. */
export function parseChinaTimeStamp(timeStamp: string): Date | undefined {
	const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(timeStamp);
	if (!match) return undefined;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - CHINA_UTC_OFFSET_MS);
	// Date.UTC rolls 20240230 over to March: such a stamp is not a real time.
	return chinaTimeStamp(date) === timeStamp ? date : undefined;
}
