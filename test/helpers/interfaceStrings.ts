/**
 * Every string of a node's or credential's description, with where it sits: what the n8n panel
 * can show (names, descriptions, hints, notices, options, defaults, subtitles) and the codex.
 */

/** Chinese, Japanese and Korean script, and the full-width punctuation that comes with it. */
export const CJK =
	/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

export function interfaceStrings(value: unknown, path = ''): Array<[string, string]> {
	if (typeof value === 'string') return [[path, value]];
	if (Array.isArray(value))
		return value.flatMap((entry, index) => interfaceStrings(entry, `${path}[${index}]`));
	if (value !== null && typeof value === 'object')
		return Object.entries(value).flatMap(([key, entry]) =>
			interfaceStrings(entry, path ? `${path}.${key}` : key),
		);
	return [];
}

/** The strings among them that carry CJK characters, as `path: text`. */
export const cjkStrings = (value: unknown, path = '') =>
	interfaceStrings(value, path)
		.filter(([, text]) => CJK.test(text))
		.map(([where, text]) => `${where}: ${text}`);
