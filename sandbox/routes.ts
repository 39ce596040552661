import { BEYOND_ENDPOINTS } from './beyond';
import { COUPON_ENDPOINTS } from './coupons';
import { ENDPOINTS, type Endpoint } from './endpoints';

/** Every API path the sandbox serves: the 21 user endpoints, then those beyond the user API. */
export const ALL_ENDPOINTS: readonly Endpoint[] = [
	...ENDPOINTS,
	...BEYOND_ENDPOINTS,
	...COUPON_ENDPOINTS,
];

const normalize = (path: string) => path.replace(/\/+$/, '').toLowerCase();
const BY_PATH = new Map(ALL_ENDPOINTS.map((endpoint) => [normalize(endpoint.path), endpoint]));

/** IIS-like matching: case-insensitive, with or without the trailing slash. */
export function findEndpoint(path: string): Endpoint | undefined {
	return BY_PATH.get(normalize(path));
}
