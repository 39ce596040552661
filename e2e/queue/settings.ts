// Settings the queue suite's global setup and tests share (no vitest import: global setup loads it).
export const WORKERS = 2;
/** Generated sandbox members (13900000001 ...): the burst and the ceiling runs use distinct ones. */
export const MEMBERS = 4000;
/** The limited sandbox's `--rate-limit`: HTTP 429 above this many API requests in a second. */
export const RATE_LIMIT = 100;
