import { CONTROL, LONE_SURROGATE, controlName } from './text';
import { describeValue, type Refuse } from './wording';

/** A URL or API path longer than this is refused. */
const MAX_URL_LENGTH = 2000;
const MAX_PATH_LENGTH = 500;

/** One DNS label: letters, digits, hyphens and underscores, not starting or ending with a hyphen. */
const HOST_LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/i;
const API_PATH = /^(?:\/[A-Za-z0-9._~-]+)+\/?$/;

const URL_RULE = 'must be an absolute http:// or https:// address like https://example.com/path';

/** An absolute http(s) address with a valid host and no control characters, as typed (trimmed). */
export function urlOf(value: unknown, refuse: Refuse): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') refuse(`${URL_RULE}, not ${describeValue(value)}`);
	const text = value.trim();
	if (text === '') return undefined;
	if ([...text].length > MAX_URL_LENGTH) {
		refuse(`must be at most ${MAX_URL_LENGTH} characters long`);
	}
	// Browsers silently drop tabs and line breaks inside an address: refuse them rather than guess.
	const control = CONTROL.exec(text);
	if (control) {
		refuse(`must not contain control characters, but contains ${controlName(control[0])}`);
	}
	if (LONE_SURROGATE.test(text))
		refuse('contains a broken character (half of a UTF-16 surrogate pair)');
	const scheme = /^(https?):\/\/([^/?#]*)/i.exec(text);
	if (!scheme) refuse(`${URL_RULE}, but is ${describeValue(text)}`);
	const authority = scheme[2];
	if (authority === '')
		refuse(`must have a host after ${scheme[1]}://, but is ${describeValue(text)}`);
	if (authority.includes('@')) refuse('must not contain a user name or password before the host');
	if (/[\\\s]/.test(authority)) {
		refuse(`must have a valid host name, but has ${describeValue(authority)}`);
	}
	let parsed: URL;
	try {
		parsed = new URL(text);
	} catch {
		refuse(`${URL_RULE}, but is ${describeValue(text)}`);
	}
	const host = parsed.hostname;
	const validHost =
		(host.startsWith('[') && host.endsWith(']')) ||
		(host !== '' &&
			host
				.replace(/\.$/, '')
				.split('.')
				.every((label) => HOST_LABEL.test(label)));
	if (!validHost) refuse(`must have a valid host name, but has ${describeValue(authority)}`);
	return text;
}

const API_PATH_START =
	"must be a path under the credential's API Base URL like /User/Score/v1/Plus/ByOpenUserID/";
const API_PATH_RULE = `${API_PATH_START}: one leading /, then names of letters, digits, - . _ ~ between single slashes; no .. or . segments, no query (?) or fragment (#)`;

/** A path on the credential's API host: `/Segment/Segment/`, nothing that could leave that host. */
export function apiPathOf(value: unknown, refuse: Refuse): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') refuse(`${API_PATH_RULE}, not ${describeValue(value)}`);
	const path = value.trim();
	if (path === '') return undefined;
	if (path.length > MAX_PATH_LENGTH) refuse(`must be at most ${MAX_PATH_LENGTH} characters long`);
	if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) {
		refuse(
			`${API_PATH_START}, without a scheme or host (the host comes from the credential), but is ${describeValue(path)}`,
		);
	}
	const segments = path.split('/').slice(1);
	if (!API_PATH.test(path) || segments.some((segment) => segment === '.' || segment === '..')) {
		refuse(`${API_PATH_RULE}, but is ${describeValue(path)}`);
	}
	return path;
}
