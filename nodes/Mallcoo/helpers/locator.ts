import type { ItemParameters } from './parameters';

/**
 * The value of a resource locator (From List, By ID or an expression), or of a plain text a
 * workflow saved before the parameter was a locator: both are read as the ID itself.
 */
export function locatorText(parameters: ItemParameters, name: string): string {
	const raw = parameters.raw(name, '');
	const value =
		raw !== null && typeof raw === 'object' && !Array.isArray(raw) && '__rl' in raw
			? (raw as { value?: unknown }).value
			: raw;
	const text = parameters.textValue(name, value === '' ? null : value);
	if (text === undefined)
		parameters.fail(name, 'is required: pick one from the list or enter its ID');
	return text;
}
