import type { CodeLabels } from '../../descriptions/codeLabels';

/**
 * Activities have no recovered documentation page: paths, keys and fields are those of public
 * client code (a mall integration that copied Mallcoo's field names), so every hint says so.
 */
export const CLIENT_CODE_NOTE = 'Known from client code, not from a Mallcoo documentation page.';

/** State (活动状态) as client code documents it. */
export const ACTIVITY_STATES = [
	{ name: 'Upcoming (即将开始)', value: 1, label: 'Upcoming' },
	{ name: 'Ongoing (进行中)', value: 2, label: 'Ongoing' },
	{ name: 'Ended (已结束)', value: 3, label: 'Ended' },
] as const;

export const ACTIVITY_LABELS: CodeLabels = {
	State: Object.fromEntries(ACTIVITY_STATES.map((state) => [state.value, state.label])),
};
