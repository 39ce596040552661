/**
 * Runs tables of hostile and legitimate values through n8n's engine: one workflow run per field,
 * every value one item taken from the item by expression, Continue On Fail on. A refused value
 * must fail its own item naming the field and the item as the editor counts it, and send nothing;
 * a legitimate value must arrive at the sandbox exactly as expected; outputs stay paired.
 */
import { describe, expect, it } from 'vitest';
import type { IDataObject } from 'n8n-workflow';

import type { RecordedRequest } from '../../sandbox/server';
import { runMallcoo } from '../helpers/engine';
import type { SandboxFixture } from '../helpers/sandbox';

/**
 * The parameter expression every table uses: the item's `value`, or a value JSON cannot carry
 * (NaN, Infinity, a JS or Luxon date) named by the item's `special`.
 */
export const VALUE =
	"={{ $json.special === 'NaN' ? NaN : $json.special === 'Infinity' ? Infinity : $json.special === '-Infinity' ? -Infinity : $json.special === 'Date' ? new Date($json.value) : $json.special === 'Luxon' ? DateTime.fromISO($json.value, { setZone: true }) : $json.special === 'undefined' ? undefined : $json.value }}";

/** A value JSON cannot carry, made by the VALUE expression. */
export interface Special extends Record<string, unknown> {
	special: 'NaN' | 'Infinity' | '-Infinity' | 'Date' | 'Luxon' | 'undefined';
	value?: unknown;
}
export const special = (kind: Special['special'], value?: unknown): Special => ({
	special: kind,
	value,
});
const isSpecial = (value: unknown): value is Special =>
	typeof value === 'object' && value !== null && 'special' in value;

/** [description, input] refused with a rule matching the pattern (the text between the field and "(item N)"). */
export type Refused = [string, unknown, RegExp];
/** [description, input, what must arrive] */
export type Accepted = [string, unknown, unknown];

export interface FieldTable {
	/** The field as the error names it, e.g. "Update Fields › Birthday". */
	label: string;
	/** The node's parameters, with VALUE where the value under test goes. */
	parameters: Record<string, unknown>;
	/** What arrived for the value under test (undefined when the body does not carry it). */
	sent(request: RecordedRequest): unknown;
	/** For an operation that sends nothing (getAuthUrl): what its output carries instead. */
	output?(json: IDataObject): unknown;
	/** Extra item fields by item index (distinct mobiles for card openings, ...). */
	context?(index: number, count: number): Record<string, unknown>;
	/** The first and the last must succeed; the others must arrive as expected (the platform may still refuse them). */
	accepted: Accepted[];
	refused: Refused[];
	/** Values that mean "not given" for an optional field: sent without it. */
	omitted?: Array<[string, unknown]>;
}

type Role =
	| { kind: 'accepted'; expected: unknown; mustSucceed: boolean; description: string }
	| { kind: 'omitted'; description: string }
	| { kind: 'refused'; rule: RegExp; description: string };

/** Builds the items and the role of each: a good value first, the refusals, the rest, a good value last. */
function plan(table: FieldTable) {
	const [first, ...rest] = table.accepted;
	const last = rest.length > 0 ? rest[rest.length - 1] : first;
	const middle = rest.slice(0, -1);
	const entries: Array<{ input: unknown; role: Role }> = [
		{ input: first[1], role: accepted(first, true) },
		...table.refused.map(([description, input, rule]) => ({
			input,
			role: { kind: 'refused', rule, description } as Role,
		})),
		...middle.map((entry) => ({ input: entry[1], role: accepted(entry, false) })),
		...(table.omitted ?? []).map(([description, input]) => ({
			input,
			role: { kind: 'omitted', description } as Role,
		})),
		{ input: last[1], role: accepted(last, true) },
	];
	const items = entries.map(({ input }, index) => ({
		...(isSpecial(input) ? input : { value: input }),
		...table.context?.(index, entries.length),
	}));
	return { items, roles: entries.map(({ role }) => role) };
}

const accepted = (
	[description, , expected]: Accepted,
	mustSucceed: boolean,
): Extract<Role, { kind: 'accepted' }> => ({
	kind: 'accepted',
	expected,
	mustSucceed,
	description,
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Runs one table and checks every item. */
export async function checkTable(fixture: SandboxFixture, table: FieldTable) {
	const { items, roles } = plan(table);
	const local = table.output !== undefined;
	const { output, error } = await runMallcoo({
		// One request at a time, so the sandbox records them in item order.
		parameters: local ? table.parameters : { ...table.parameters, options: { concurrency: 1 } },
		items,
		credentials: fixture.credentials,
		continueOnFail: true,
	});
	expect(error).toBeUndefined();
	expect(output).toHaveLength(items.length);
	expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));

	const arrived: unknown[] = [];
	const expectedArrivals: unknown[] = [];
	roles.forEach((role, index) => {
		const json = output[index].json;
		const where = `item ${index + 1} (${role.kind}: ${role.description})`;
		if (role.kind === 'refused') {
			const message = String(json.error ?? '');
			const prefix = `"${table.label}" `;
			const suffix = ` (item ${index + 1})`;
			expect(message.startsWith(prefix) && message.endsWith(suffix), `${where}: ${message}`).toBe(
				true,
			);
			expect(message.slice(prefix.length, -suffix.length), where).toMatch(role.rule);
			return;
		}
		const expected = role.kind === 'accepted' ? role.expected : undefined;
		if (role.kind === 'accepted' && role.mustSucceed) {
			expect(json.error, where).toBeUndefined();
		} else if (json.error !== undefined) {
			// It was sent: only the platform may have refused it, never the node's own checks.
			expect(String(json.error), where).toMatch(/\(Code \d+\)$/);
		}
		if (local) {
			expect(table.output!(json), where).toEqual(expected);
		} else {
			expectedArrivals.push(expected);
		}
	});
	if (local) {
		expect(fixture.sandbox.requests).toHaveLength(0);
		return;
	}
	// Exactly one request per item not refused, in item order, each carrying what it should:
	// so no refused item reached the sandbox.
	for (const request of fixture.sandbox.requests) arrived.push(table.sent(request));
	expect(arrived).toEqual(expectedArrivals);
}

/** One `it` per table, titled by the field. */
export function describeTables(
	title: string,
	fixture: SandboxFixture,
	tables: Record<string, FieldTable | (() => FieldTable)>,
) {
	describe(title, () => {
		for (const [name, entry] of Object.entries(tables)) {
			// A function builds its table inside the test, after the sandbox is seeded (tickets).
			const counts =
				typeof entry === 'function' ? 'hostile values' : `${entry.refused.length} hostile values`;
			it(`${name}: refuses ${counts} by field and item, sends the legitimate ones intact`, async () => {
				await checkTable(fixture, typeof entry === 'function' ? entry() : entry);
			});
		}
	});
}

/** Builds a refusal's pattern from the rule's exact text. */
export const rule = (text: string) => new RegExp(`^${escape(text)}`);
