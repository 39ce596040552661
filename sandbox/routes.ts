import { BEYOND_ENDPOINTS } from './beyond';
import { ENDPOINTS, type Endpoint } from './endpoints';
import { ACTIVITY_ENDPOINTS } from './activity';
import { BI_ENDPOINTS } from './bi';
import { GROUPON_ENDPOINTS } from './groupon';
import { PAY_ENDPOINTS } from './pay';
import { SCORE_RECORD_ENDPOINTS } from './scoreRecords';
import { SHOPPING_ENDPOINTS } from './shopping';

/** Every API path the sandbox serves: the 21 user endpoints, then those beyond the user API. */
export const ALL_ENDPOINTS: readonly Endpoint[] = [
	...ENDPOINTS,
	...BEYOND_ENDPOINTS,
	...SCORE_RECORD_ENDPOINTS,
	...BI_ENDPOINTS,
	...ACTIVITY_ENDPOINTS,
	...GROUPON_ENDPOINTS,
	...SHOPPING_ENDPOINTS,
	...PAY_ENDPOINTS,
];

const normalize = (path: string) => path.replace(/\/+$/, '').toLowerCase();
const BY_PATH = new Map(ALL_ENDPOINTS.map((endpoint) => [normalize(endpoint.path), endpoint]));

/** IIS-like matching: case-insensitive, with or without the trailing slash. */
export function findEndpoint(path: string): Endpoint | undefined {
	return BY_PATH.get(normalize(path));
}
