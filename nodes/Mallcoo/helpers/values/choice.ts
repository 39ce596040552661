import type { INodePropertyOptions } from 'n8n-workflow';

import { INTEGER_TEXT } from './number';
import { describeValue, isEmpty, type Refuse } from './wording';

export type ChoiceValue = string | number;

/** The choices for an error message: `1 (Male), 2 (Female)`. */
export function optionList(
	values: readonly ChoiceValue[],
	options?: INodePropertyOptions[],
): string {
	return values
		.map((choice) => {
			const option = options?.find((candidate) => candidate.value === choice);
			const shown = typeof choice === 'string' ? choice : String(choice);
			return option && option.name !== shown ? `${shown} (${option.name})` : shown;
		})
		.join(', ');
}

/** One of `values`. */
export function choiceOf<T extends ChoiceValue>(
	value: unknown,
	refuse: Refuse,
	values: readonly T[],
	options?: INodePropertyOptions[],
): T | undefined {
	if (isEmpty(value)) return undefined;
	const rule = `must be one of ${optionList(values, options)}`;
	if (typeof value !== 'string' && typeof value !== 'number') {
		refuse(`${rule}, not ${describeValue(value)}`);
	}
	const exact = values.find((choice) => choice === value);
	if (exact !== undefined) return exact;
	// A code from a spreadsheet arrives as text: "2" picks the code 2.
	const text = String(value).trim();
	const loose = values.find((choice) =>
		typeof choice === 'number'
			? INTEGER_TEXT.test(text) && Number(text) === choice
			: choice === text,
	);
	if (loose === undefined) refuse(`${rule}, but is ${describeValue(value)}`);
	return loose;
}

/** Several of `values` (a multi-options field), from a list or comma-separated text. */
export function choiceListOf<T extends ChoiceValue>(
	value: unknown,
	refuse: Refuse,
	values: readonly T[],
	options?: INodePropertyOptions[],
): T[] | undefined {
	if (isEmpty(value)) return undefined;
	const list: unknown[] = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(/[,，]/).filter((part) => part.trim() !== '')
			: typeof value === 'number'
				? [value]
				: refuse(
						`must be a list of ${optionList(values, options)} (or that text, comma-separated), not ${describeValue(value)}`,
					);
	if (list.length === 0) return undefined;
	return list.map((entry) => {
		const choice = choiceOf(entry, refuse, values, options);
		if (choice === undefined)
			refuse(`must not contain empty entries, but contains ${describeValue(entry)}`);
		return choice;
	});
}

export const BOOLEAN_RULE = 'must be true or false (or 1 or 0)';

/** true or false; "true"/"false" text and 1/0 from spreadsheets count. */
export function booleanOf(value: unknown, refuse: Refuse): boolean | undefined {
	if (isEmpty(value)) return undefined;
	if (typeof value === 'boolean') return value;
	if (value === 1 || value === 0) return value === 1;
	if (typeof value === 'string') {
		const text = value.trim().toLowerCase();
		if (text === 'true' || text === '1') return true;
		if (text === 'false' || text === '0') return false;
	}
	refuse(`${BOOLEAN_RULE}, not ${describeValue(value)}`);
}
