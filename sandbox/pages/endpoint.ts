import type { MallStore } from '../mall';
import type { MemberStore } from '../memberStore';
import type { Body } from '../params';
import type { RefusalKind } from '../refusals';

/**
 * The shape every page's endpoints share. A handler validates (a parameter refusal), looks up
 * (a not-found refusal), changes the stores, counts the write (store.applied) and returns `Data`
 * (undefined for writes that document none). Refusals are thrown as `Refusal` by meaning; the
 * server words them in the dialect in force.
 */

export interface EndpointContext {
	store: MemberStore;
	/** Shops, coupons, gifts, car parks, consumption records. */
	mall: MallStore;
	/** Date.now() when the request was handled. */
	now: number;
	/** Set when card openings with sign-up fields are carried out later, as the platform does. */
	deferredOpenings?: DeferredOpenings;
}

/** Openings accepted now and carried out later (the User API page: 异步开卡). */
export interface DeferredOpenings {
	isPending(mobile: string): boolean;
	/** Runs `open` after the sandbox's delay, unless a reset comes first. */
	defer(mobile: string, open: () => void): void;
}

export interface Endpoint {
	/** Path exactly as on the platform's page; matched case-insensitively, trailing slash optional. */
	path: string;
	/** The page title on the platform's page. */
	title: string;
	handle(body: Body, ctx: EndpointContext): unknown;
	/** How the page refuses a bad parameter, when not the usual way (the parking page documents its own). */
	parameterRefusal?: RefusalKind;
}
