/** The hostile and the legitimate values of each kind of parameter, shared by the tables. */
import { rule, special, type Accepted, type Refused } from './table';

const REQUIRED = /^is required but is empty$/;

/** Empty in every way an expression can make it: refused where the field is required. */
export const EMPTY_REQUIRED: Refused[] = [
	['empty text', '', REQUIRED],
	['spaces only', '   ', REQUIRED],
	['null', null, REQUIRED],
	['a missing value (undefined)', special('undefined'), REQUIRED],
];

/** The same values where the field is optional: sent without it. */
export const EMPTY_OPTIONAL: Array<[string, unknown]> = EMPTY_REQUIRED.map(([name, value]) => [
	name,
	value,
]);

const NOT_TEXT = 'must be text or a number, not ';
/** What is not text at all: booleans (the reported `false` sent as "false"), lists, objects, NaN. */
export const NOT_TEXT_VALUES: Refused[] = [
	['the boolean true', true, rule(`${NOT_TEXT}the yes/no value true`)],
	['the boolean false', false, rule(`${NOT_TEXT}the yes/no value false`)],
	['a list', ['CRM1', 'CRM2'], rule(`${NOT_TEXT}a list ["CRM1","CRM2"]`)],
	['an empty list', [], rule(`${NOT_TEXT}a list []`)],
	['an object', { first: 'Ann' }, rule(`${NOT_TEXT}an object {"first":"Ann"}`)],
	['NaN', special('NaN'), rule('must be text, not the number NaN')],
	['Infinity', special('Infinity'), rule('must be text, not the number Infinity')],
	[
		'a JS date',
		special('Date', '2024-01-01T00:00:00Z'),
		rule(`${NOT_TEXT}the date-time 2024-01-01T00:00:00.000Z`),
	],
	[
		'a number too long to keep every digit',
		Number('12345678901234567890'),
		/^is the number 12345678901234567000, too long to keep every digit/,
	],
];

const ONE_LINE = 'must be one line of text without control characters, but contains ';
const ANY_TEXT_REFUSED: Refused[] = [
	['an escape sequence', '\u001b[31mred', /contains the control character U\+001B at character 1$/],
	['a DEL character', 'abc\u007f', /contains the control character U\+007F at character 4$/],
	['a C1 control', 'a\u0085b', /contains the control character U\+0085 at character 2$/],
	['a NUL character', 'ab\u0000cd', /contains a NUL character at character 3$/],
	[
		'5000 characters',
		'x'.repeat(5000),
		rule('must be at most 2000 characters long, but is 5000 characters long'),
	],
	['half of a surrogate pair', 'ab\ud800c', rule('contains a broken character')],
	[
		'"[object Object]" from a template expression',
		'Name: [object Object]',
		rule('contains "[object Object]": an expression put an object into the text'),
	],
];

/** One-line text (names, identifiers): no control character at all. */
export const ONE_LINE_REFUSED: Refused[] = [
	...NOT_TEXT_VALUES,
	...ANY_TEXT_REFUSED,
	['a line break', 'abc\ndef', rule(`${ONE_LINE}a line break at character 4`)],
	['a carriage return', 'abc\rdef', rule(`${ONE_LINE}a carriage return at character 4`)],
	['a tab', 'ab\tc', rule(`${ONE_LINE}a tab at character 3`)],
];

/** Multi-line free text (addresses, remarks): tabs and line breaks are fine, other controls are not. */
export const MULTILINE_REFUSED: Refused[] = [...NOT_TEXT_VALUES, ...ANY_TEXT_REFUSED];

/** Free text is data, not code: every one of these arrives exactly as typed. */
export const FREE_TEXT_ACCEPTED: Accepted[] = [
	['Chinese and emoji', '王小明 😀👍🏽👨‍👩‍👧', '王小明 😀👍🏽👨‍👩‍👧'],
	[
		'right-to-left text and marks',
		'مرحبا \u200fשלום\u202b x \u202c',
		'مرحبا \u200fשלום\u202b x \u202c',
	],
	['quotes', `O'Brien "Bob" 「引号」 ‘curly’`, `O'Brien "Bob" 「引号」 ‘curly’`],
	['angle brackets', '<script>alert("x")</script> & <b>', '<script>alert("x")</script> & <b>'],
	[
		'SQL-looking text',
		"Robert'); DROP TABLE Students;-- OR ''='",
		"Robert'); DROP TABLE Students;-- OR ''='",
	],
	[
		'expression-looking text',
		'{{ $json.secret }} ${process.env.HOME}',
		'{{ $json.secret }} ${process.env.HOME}',
	],
	[
		'percent signs and backslashes',
		'100% \\n C:\\temp %00 %0A + &amp;',
		'100% \\n C:\\temp %00 %0A + &amp;',
	],
	['combining accents (not normalized)', 'Zoe\u0301 Chloe\u0308', 'Zoe\u0301 Chloe\u0308'],
	['zero-width characters inside', 'a\u200bb\u200dc\ufeffd', 'a\u200bb\u200dc\ufeffd'],
	['a number', 12345, '12345'],
	['surrounding spaces (trimmed, as always)', '  Ann Lee  ', 'Ann Lee'],
	['2000 characters', 'é'.repeat(2000), 'é'.repeat(2000)],
	['a plain name', 'Ann', 'Ann'],
];

/** Only multi-line text takes these. */
export const MULTILINE_ACCEPTED: Accepted[] = [
	['line breaks and tabs', 'line 1\nline 2\r\nline 3\tend', 'line 1\nline 2\r\nline 3\tend'],
	...FREE_TEXT_ACCEPTED,
];

const PHONE =
	'must be a mobile number of 5 to 20 digits, optionally after + (spaces and dashes are ignored)';
/** Mobile numbers: 5 to 20 digits, optionally after +. */
export const MOBILE_REFUSED: Refused[] = [
	...EMPTY_REQUIRED,
	['4 digits', '1234', rule(`${PHONE}, but is "1234"`)],
	['21 digits', '123456789012345678901', rule(`${PHONE}, but is "123456789012345678901"`)],
	['words', 'call me', rule(`${PHONE}, but is "call me"`)],
	['a plus alone', '+', rule(`${PHONE}, but is "+"`)],
	['two pluses', '++13800000001', rule(`${PHONE}, but is "++13800000001"`)],
	['a letter at the end', '13800000001x', rule(`${PHONE}, but is "13800000001x"`)],
	['full-width digits', '１３８００００００２', rule(`${PHONE}, but is "１３８００００００２"`)],
	['a NUL character', '138\u000000000001', rule(`${PHONE}, but is "138\\u000000000001"`)],
	['the boolean true', true, rule(`${PHONE}, not the yes/no value true`)],
	['the boolean false', false, rule(`${PHONE}, not the yes/no value false`)],
	['a list', ['13800000001'], rule(`${PHONE}, not a list ["13800000001"]`)],
	[
		'an object',
		{ mobile: '13800000001' },
		rule(`${PHONE}, not an object {"mobile":"13800000001"}`),
	],
	['NaN', special('NaN'), rule(`${PHONE}, not the number NaN`)],
	['a negative number', -13800000001, rule(`${PHONE}, not the number -13800000001`)],
	['a fraction', 138.5, rule(`${PHONE}, not the number 138.5`)],
];

export const wholeNumber = (range: string) =>
	range ? `must be a whole number ${range}` : 'must be a whole number';

/** Not a whole number in any way: the range text is the field's. */
export function integerRefused(range: string, below: number, above?: number): Refused[] {
	const must = wholeNumber(range);
	// A number of the right kind outside the range is told the range alone.
	const within = `must be ${range.replace(/^of /, '')}`;
	return [
		...(Number.isNaN(below)
			? []
			: ([[`${below} (below the range)`, below, rule(`${within}, but is ${below}`)]] as Refused[])),
		...(above === undefined
			? []
			: ([[`${above} (above the range)`, above, rule(`${within}, but is ${above}`)]] as Refused[])),
		['a fraction', 1.5, rule(`${must}, but is 1.5`)],
		['a fraction as text', '1.5', rule(`${must}, not "1.5"`)],
		['an exponent', '1e2', rule(`${must}, not "1e2"`)],
		['hexadecimal', '0x10', rule(`${must}, not "0x10"`)],
		['words', 'many', rule(`${must}, not "many"`)],
		['the boolean true', true, rule(`${must}, not the yes/no value true`)],
		['the boolean false', false, rule(`${must}, not the yes/no value false`)],
		['a list', [3], rule(`${must}, not a list [3]`)],
		['an object', { n: 3 }, rule(`${must}, not an object {"n":3}`)],
		['NaN', special('NaN'), rule(`${must}, not NaN`)],
		['Infinity', special('Infinity'), rule(`${must}, not Infinity`)],
		['-Infinity', special('-Infinity'), rule(`${must}, not -Infinity`)],
		[
			'more digits than a number keeps',
			Number('9007199254740993'),
			rule('must be a whole number between -9007199254740991 and 9007199254740991'),
		],
	];
}

const DATE = 'must be a date like 1990-01-31';
const NO_SUCH_DAY = (text: string) =>
	rule(`must be a date that exists, but "${text}" has no such day`);
/** Dates: real calendar days only. */
export const DATE_REFUSED: Refused[] = [
	['30 February', '2024-02-30', NO_SUCH_DAY('2024-02-30')],
	['29 February of a common year', '2023-02-29', NO_SUCH_DAY('2023-02-29')],
	['month 13', '1990-13-01', NO_SUCH_DAY('1990-13-01')],
	['month 0', '1990-00-10', NO_SUCH_DAY('1990-00-10')],
	['day 0', '1990-01-00', NO_SUCH_DAY('1990-01-00')],
	['day 32', '1990-01-32', NO_SUCH_DAY('1990-01-32')],
	['31 April', '1990/4/31', NO_SUCH_DAY('1990/4/31')],
	['year 0', '0000-01-01', NO_SUCH_DAY('0000-01-01')],
	[
		'hour 25',
		'1990-01-31T25:00:00',
		rule('must be a date with a time of day from 00:00:00 to 23:59:59'),
	],
	['trailing words', '1990-01-31 or so', rule(`${DATE}, but is "1990-01-31 or so"`)],
	['words', 'soon', rule(`${DATE}, but is "soon"`)],
	['day first', '31/01/1990', rule(`${DATE}, but is "31/01/1990"`)],
	['a number', 33000, rule(`${DATE}, not the number 33000`)],
	['the boolean true', true, rule(`${DATE}, not the yes/no value true`)],
	['a list', ['1990-01-31'], rule(`${DATE}, not a list ["1990-01-31"]`)],
	['an object', { date: '1990-01-31' }, rule(`${DATE}, not an object {"date":"1990-01-31"}`)],
	['NaN', special('NaN'), rule(`${DATE}, not the number NaN`)],
	['an invalid JS date', special('Date', 'not a date'), rule(`${DATE}, but is an invalid date`)],
];

export const DATE_ACCEPTED: Accepted[] = [
	['a date', '1990-01-31', '1990-01-31'],
	['29 February of a leap year', '2024-02-29', '2024-02-29'],
	['slashes and one-digit parts', '1990/1/5', '1990-01-05'],
	['the date picker', '1993-04-05T00:00:00', '1993-04-05'],
	['ISO with an offset (the day as written)', '1993-04-05T00:00:00.000+08:00', '1993-04-05'],
	['a JS date', special('Date', '1990-01-31T00:00:00Z'), '1990-01-31'],
	['a Luxon date-time', special('Luxon', '1990-01-31T23:30:00+08:00'), '1990-01-31'],
	['another date', '1985-02-14', '1985-02-14'],
];

/** The platform's coded choices, e.g. gender: 0 Unknown, 1 Male, 2 Female. */
export function choiceRefused(choices: string, above: number): Refused[] {
	const must = `must be one of ${choices}`;
	return [
		[`${above} (no such code)`, above, rule(`${must}, but is the number ${above}`)],
		['-1', -1, rule(`${must}, but is the number -1`)],
		['a code as text that does not exist', String(above), rule(`${must}, but is "${above}"`)],
		['a label instead of a code', 'male', rule(`${must}, but is "male"`)],
		['a fraction', 1.5, rule(`${must}, but is the number 1.5`)],
		['the boolean true', true, rule(`${must}, not the yes/no value true`)],
		['the boolean false', false, rule(`${must}, not the yes/no value false`)],
		['a list', [1], rule(`${must}, not a list [1]`)],
		['an object', { code: 1 }, rule(`${must}, not an object {"code":1}`)],
		['NaN', special('NaN'), rule(`${must}, but is the number NaN`)],
	];
}

export const GENDER_CHOICES = '0 (Unknown), 1 (Male), 2 (Female)';

const BOOLEAN = 'must be true or false (or 1 or 0)';
export const BOOLEAN_REFUSED: Refused[] = [
	['yes', 'yes', rule(`${BOOLEAN}, not "yes"`)],
	['2', 2, rule(`${BOOLEAN}, not the number 2`)],
	['-1', -1, rule(`${BOOLEAN}, not the number -1`)],
	['a list', [true], rule(`${BOOLEAN}, not a list [true]`)],
	['an object', { value: true }, rule(`${BOOLEAN}, not an object {"value":true}`)],
	['NaN', special('NaN'), rule(`${BOOLEAN}, not the number NaN`)],
];
