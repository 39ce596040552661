import { describeValue, isEmpty, type Refuse } from './wording';

const ID_LIST_RULE = 'must be whole-number IDs of at least 1, like 30,31,32 or a list of numbers';

/**
 * IDs as the platform wants them (a list of integers of at least 1), from `30,31,32` text,
 * one number, or a list of numbers or numeric text.
 */
export function idListOf(value: unknown, refuse: Refuse): number[] | undefined {
	if (isEmpty(value)) return undefined;
	let parts: unknown[];
	if (Array.isArray(value)) {
		parts = value;
	} else if (typeof value === 'number') {
		parts = [value];
	} else if (typeof value === 'string') {
		const text = value.trim();
		// An expression that stringified a list: "[30, 31]".
		const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
		parts = inner.split(/[,，、;\s]+/).filter((part) => part !== '');
	} else {
		refuse(`${ID_LIST_RULE}, not ${describeValue(value)}`);
	}
	if (parts.length === 0) return undefined;
	return parts.map((part) => {
		const id = typeof part === 'string' && /^\d+$/.test(part.trim()) ? Number(part.trim()) : part;
		if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) {
			refuse(`${ID_LIST_RULE}, but contains ${describeValue(part)}`);
		}
		return id;
	});
}
