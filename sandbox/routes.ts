import { CONSUMPTION_ENDPOINTS } from './pages/consumption';
import { COUPON_ENDPOINTS } from './pages/coupon';
import { CRM_NOTICE_ENDPOINTS } from './pages/crmNotice';
import type { Endpoint } from './pages/endpoint';
import { GIFT_ENDPOINTS } from './pages/gift';
import { PARKING_ENDPOINTS } from './pages/parking';
import { POINTS_ENDPOINTS } from './pages/points';
import { SHOP_ENDPOINTS } from './pages/shop';
import { USER_ENDPOINTS } from './pages/user';

/** Every API path the sandbox serves, page by page of the platform's documents. */
export const ALL_ENDPOINTS: readonly Endpoint[] = [
	...USER_ENDPOINTS,
	...POINTS_ENDPOINTS,
	...CONSUMPTION_ENDPOINTS,
	...COUPON_ENDPOINTS,
	...SHOP_ENDPOINTS,
	...PARKING_ENDPOINTS,
	...GIFT_ENDPOINTS,
	...CRM_NOTICE_ENDPOINTS,
];

const normalize = (path: string) => path.replace(/\/+$/, '').toLowerCase();
const BY_PATH = new Map(ALL_ENDPOINTS.map((endpoint) => [normalize(endpoint.path), endpoint]));

/** IIS-like matching: case-insensitive, with or without the trailing slash. */
export function findEndpoint(path: string): Endpoint | undefined {
	return BY_PATH.get(normalize(path));
}
