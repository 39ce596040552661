import { ACTIVITY_ENDPOINTS } from './pages/activity';
import { BI_ENDPOINTS } from './pages/bi';
import { CONSUMPTION_ENDPOINTS } from './pages/consumption';
import { COUPON_ENDPOINTS } from './pages/coupon';
import { CRM_NOTICE_ENDPOINTS } from './pages/crmNotice';
import type { Endpoint } from './pages/endpoint';
import { GIFT_ENDPOINTS } from './pages/gift';
import { GROUPON_ENDPOINTS } from './pages/groupon';
import { PARKING_ENDPOINTS } from './pages/parking';
import { PAY_ENDPOINTS } from './pages/pay';
import { POINTS_ENDPOINTS } from './pages/points';
import { POINTS_RECORD_ENDPOINTS } from './pages/pointsRecords';
import { SHOP_ENDPOINTS } from './pages/shop';
import { SHOPPING_ENDPOINTS } from './pages/shopping';
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
	...POINTS_RECORD_ENDPOINTS,
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
