import { chinaDateTime } from '../../../../credentials/chinaTime';

import { describeValue, isDateTimeLike, isEmpty, type Refuse } from './wording';

/** `2024-05-01`, `2024/5/1`, with an optional time `T14:30`, ` 14:30:00.123` and offset `Z`, `+08:00`. */
const DATE_TIME_TEXT =
	/^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

interface DateParts {
	year: number;
	month: number;
	day: number;
	time?: { hour: number; minute: number; second: number };
	/** Minutes east of UTC, when the text gives an offset. */
	offset?: number;
}

const pad = (number: number, length = 2) => String(number).padStart(length, '0');

/** A date as written: checked against the calendar (30 February, month 13, 25:00 are refused). */
function parseDateText(text: string, refuse: Refuse, rule: string): DateParts {
	const match = DATE_TIME_TEXT.exec(text.trim());
	if (!match) refuse(`${rule}, but is ${describeValue(text)}`);
	const [, year, month, day, hour, minute, second, offset] = match;
	const parts: DateParts = { year: Number(year), month: Number(month), day: Number(day) };
	const real = new Date(0);
	real.setUTCFullYear(parts.year, parts.month - 1, parts.day);
	if (
		parts.year < 1 ||
		real.getUTCFullYear() !== parts.year ||
		real.getUTCMonth() !== parts.month - 1 ||
		real.getUTCDate() !== parts.day
	) {
		refuse(`must be a date that exists, but ${describeValue(text)} has no such day`);
	}
	if (hour !== undefined) {
		parts.time = { hour: Number(hour), minute: Number(minute), second: Number(second ?? 0) };
		if (parts.time.hour > 23 || parts.time.minute > 59 || parts.time.second > 59) {
			refuse(
				`must be a date with a time of day from 00:00:00 to 23:59:59, but is ${describeValue(text)}`,
			);
		}
	}
	if (offset !== undefined) {
		if (offset.toUpperCase() === 'Z') {
			parts.offset = 0;
		} else {
			const digits = offset.replace(':', '');
			const hours = Number(digits.slice(1, 3));
			const minutes = Number(digits.slice(3, 5));
			if (hours > 14 || minutes > 59) refuse(`has an impossible time-zone offset ${offset}`);
			parts.offset = (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
		}
	}
	return parts;
}

const DATE_RULE = 'must be a date like 1990-01-31';

/** `yyyy-MM-dd`, a real calendar date, from date text, a date picker or a date-time expression. */
export function dateOf(value: unknown, refuse: Refuse): string | undefined {
	if (isEmpty(value)) return undefined;
	if (isDateTimeLike(value)) {
		const day = value.isValid ? value.toISODate() : null;
		if (!day) refuse(`${DATE_RULE}, but is an invalid date-time`);
		return day;
	}
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) refuse(`${DATE_RULE}, but is an invalid date`);
		return value.toISOString().slice(0, 10);
	}
	if (typeof value !== 'string') refuse(`${DATE_RULE}, not ${describeValue(value)}`);
	// The day as written: "1993-04-05T00:00:00+08:00" is the 5th, wherever the node runs.
	const { year, month, day } = parseDateText(value, refuse, DATE_RULE);
	return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

const DATE_TIME_RULE =
	'must be a date and time like 2024-05-01 14:30:00 (China time) or 2024-05-01T06:30:00Z';

/**
 * `yyyy-MM-dd HH:mm:ss` in China Standard Time (UTC+8): n8n/Luxon and JS dates and ISO text
 * with an offset are converted; text without an offset is China time as written.
 */
export function chinaDateTimeOf(value: unknown, refuse: Refuse): string | undefined {
	if (isEmpty(value)) return undefined;
	if (isDateTimeLike(value)) {
		if (!value.isValid) refuse(`${DATE_TIME_RULE}, but is an invalid date-time`);
		return chinaDateTime(value.toMillis());
	}
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) refuse(`${DATE_TIME_RULE}, but is an invalid date`);
		return chinaDateTime(value.getTime());
	}
	if (typeof value !== 'string') refuse(`${DATE_TIME_RULE}, not ${describeValue(value)}`);
	const parts = parseDateText(value, refuse, DATE_TIME_RULE);
	if (!parts.time) refuse(`${DATE_TIME_RULE}: the time is missing in ${describeValue(value)}`);
	const { year, month, day, time, offset } = parts;
	if (offset === undefined) {
		// No offset: the time is China time as written.
		return `${pad(year, 4)}-${pad(month)}-${pad(day)} ${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}`;
	}
	const instant = new Date(0);
	instant.setUTCFullYear(year, month - 1, day);
	instant.setUTCHours(time.hour, time.minute, time.second, 0);
	return chinaDateTime(instant.getTime() - offset * 60 * 1000);
}
