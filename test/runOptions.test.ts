/**
 * The Options descriptions say what the transport does: Max Attempts names, for every operation
 * that is not simply sent again, what happens after a lost answer, as its `repeat` policy says.
 */
import type { INodeProperties } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { ALL_OPERATIONS } from '../nodes/Mallcoo/actions/registry';
import { runOptions } from '../nodes/Mallcoo/descriptions/runOptions';
import type { RepeatPolicy } from '../nodes/Mallcoo/helpers/types';

const option = (name: string) =>
	(runOptions.options as INodeProperties[]).find((candidate) => candidate.name === name)!;

/** How the description names each operation that a lost answer does not simply send again. */
const NAMED: Record<string, string> = {
	'points.add': 'points',
	'points.deduct': 'points',
	'consumption.report': 'purchase reports',
	'memberCard.open': 'card openings',
	'memberCard.openWithProfile': 'card openings',
	'member.changeMobile': 'mobile changes',
	'parking.notifyEntry': 'parking entries',
	'coupon.send': 'coupon sends',
	'posOrder.create': 'POS order creations',
	'custom.call': 'other Other Endpoint calls',
};

/** The words of the clause that says what each policy does. */
const POLICY_WORDS: Record<Exclude<RepeatPolicy, 'resend'>, string> = {
	transactionId: 'same transaction ID',
	confirm: 'member lookup shows no change',
	never: 'not sent again',
};

describe('Max Attempts', () => {
	const clauses = String(option('maxAttempts').description).split(/[.;:] /);

	it.each(
		ALL_OPERATIONS.flatMap((operation) =>
			operation.kind === 'local' || operation.repeat === 'resend'
				? []
				: [[`${operation.resource}.${operation.operation}`, operation.repeat] as const],
		),
	)('names %s in the clause of its policy (%s)', (key, policy) => {
		const name = NAMED[key];
		expect(name, `${key} is not named in the description`).toBeDefined();
		const clause = clauses.find((text) => text.includes(name));
		expect(clause).toContain(POLICY_WORDS[policy as Exclude<RepeatPolicy, 'resend'>]);
	});

	it('says that Other Endpoint calls marked Safe to Repeat are sent again, the others not', () => {
		const clause = (words: string) => clauses.find((text) => text.includes(words));
		expect(clause('Safe to Repeat')).toMatch(/are sent again$/);
		expect(clause('other Other Endpoint calls')).toMatch(/are not sent again\.$/);
	});
});

describe('Max Requests Per Second', () => {
	it('is one budget per credential in the n8n process, shared by its runs', () => {
		const description = String(option('maxRequestsPerSecond').description);
		expect(description).toContain(
			'shared by every run in this n8n process that uses the same credential',
		);
		expect(description).not.toMatch(/this node run/);
	});
});
