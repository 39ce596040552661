import { randomBytes } from 'crypto';

import { ApplyCounter } from './counters';
import { generatedMember, SEED_MEMBERS } from './memberSeed';
import { pad, type Member } from './members';

/** How a test names one member: a mobile, or any one identifier. */
export type MemberSelector =
	| string
	| { Mobile: string }
	| { OpenUserID: string }
	| { WXOpenID: string }
	| { AliUserID: string }
	| { UserToken: string }
	| { MallCardNo: string }
	| { ThirdPartyCardID: string };

type IndexKey =
	| 'Mobile'
	| 'OpenUserID'
	| 'WXOpenID'
	| 'AliUserID'
	| 'UserToken'
	| 'MallCardNo'
	| 'ThirdPartyCardID';
/** Every identifier a member can be found by (the control API's selectors too). */
export const INDEX_KEYS: readonly IndexKey[] = [
	'Mobile',
	'OpenUserID',
	'WXOpenID',
	'AliUserID',
	'UserToken',
	'MallCardNo',
	'ThirdPartyCardID',
];

function keyOf(m: Member, key: IndexKey): string {
	if (key === 'MallCardNo' || key === 'ThirdPartyCardID') return m.Card ? m.Card[key] : '';
	return m[key];
}

/** Read-only view handed to tests: copies, so an assertion can never change the sandbox. */
export interface MemberView {
	/** All members, seeded first, then generated, then opened through the API. */
	list(): Member[];
	get(selector: MemberSelector): Member | undefined;
	readonly count: number;
}

/**
 * The in-memory store: members indexed by every identifier the endpoints look up, plus tickets.
 * Lookups are map hits so thousands of generated members cost nothing per request.
 */
export class MemberStore implements MemberView {
	private members: Member[] = [];
	private readonly indexes = new Map<IndexKey, Map<string, Member>>();
	private readonly tickets = new Map<string, { openUserId: string; expiresAt: number }>();
	private cardSequence = 0;
	/** How many times each write was applied since the last reset (see counters.ts WRITES). */
	readonly applied = new ApplyCounter();

	constructor(
		private readonly generatedCount = 0,
		private readonly ticketTtlMs = 5 * 60_000,
	) {
		this.reset();
	}

	/** Back to the seed (plus the generated members): every write and ticket is forgotten. */
	reset(): void {
		this.members = [];
		for (const key of INDEX_KEYS) this.indexes.set(key, new Map());
		this.tickets.clear();
		this.cardSequence = 0;
		this.applied.clear();
		for (const seed of SEED_MEMBERS) this.add(structuredClone(seed) as Member);
		for (let i = 1; i <= this.generatedCount; i++) this.add(generatedMember(i));
	}

	get count(): number {
		return this.members.length;
	}

	list(): Member[] {
		return this.members.map((m) => structuredClone(m));
	}

	get(selector: MemberSelector): Member | undefined {
		const found = this.resolve(selector);
		return found && structuredClone(found);
	}

	/** The live record (for endpoints, which then change it through `update`). */
	resolve(selector: MemberSelector): Member | undefined {
		if (typeof selector === 'string') return this.find('Mobile', selector);
		const [key, value] = Object.entries(selector)[0] as [IndexKey, string];
		return this.find(key, value);
	}

	find(key: IndexKey, value: string): Member | undefined {
		return value ? this.indexes.get(key)!.get(value) : undefined;
	}

	add(m: Member): Member {
		this.members.push(m);
		this.index(m);
		return m;
	}

	/** Every change goes through here so the indexes follow re-keyed mobiles and card ids. */
	update(m: Member, change: (m: Member) => void): void {
		for (const key of INDEX_KEYS) this.indexes.get(key)!.delete(keyOf(m, key));
		change(m);
		this.index(m);
	}

	/** Card numbers for cards opened through the API: 2025001 + sequence. */
	nextCardNumbers(): { MallCardNo: string; ThirdPartyCardID: string } {
		this.cardSequence += 1;
		return {
			MallCardNo: `2025001${pad(this.cardSequence, 7)}`,
			ThirdPartyCardID: `CRM9${pad(this.cardSequence, 7)}`,
		};
	}

	issueTicket(m: Member, now = Date.now()): string {
		const ticket = randomBytes(8).toString('hex');
		this.tickets.set(ticket, { openUserId: m.OpenUserID, expiresAt: now + this.ticketTtlMs });
		return ticket;
	}

	/** Tickets are single use: a second exchange is refused like an expired one. */
	redeemTicket(ticket: string, now = Date.now()): Member | undefined {
		const entry = this.tickets.get(ticket);
		if (!entry) return undefined;
		this.tickets.delete(ticket);
		return entry.expiresAt >= now ? this.find('OpenUserID', entry.openUserId) : undefined;
	}

	private index(m: Member): void {
		for (const key of INDEX_KEYS) {
			const value = keyOf(m, key);
			if (value) this.indexes.get(key)!.set(value, m);
		}
	}
}
