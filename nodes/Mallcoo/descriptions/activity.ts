import type { CodeLabels } from './codeLabels';

/**
 * Activities have no recovered documentation page: paths, keys and fields are those of public
 * client code (a mall integration that copied Mallcoo's field names), so every hint says so.
 */
export const CLIENT_CODE_NOTE = 'Known from client code, not from a Mallcoo documentation page.';

/** State as client code documents it: 1 即将开始, 2 进行中, 3 已结束. */
export const ACTIVITY_STATES = [
	{ name: 'Upcoming', value: 1 },
	{ name: 'Ongoing', value: 2 },
	{ name: 'Ended', value: 3 },
] as const;

export const ACTIVITY_LABELS: CodeLabels = {
	State: Object.fromEntries(ACTIVITY_STATES.map((state) => [state.value, state.name])),
};
