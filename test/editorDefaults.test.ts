/**
 * What the editor pre-fills: no parameter starts with a value that deletes or overwrites data.
 * Read from the node's description, as n8n's editor reads it.
 */
import type { INodeProperties } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { Mallcoo } from '../nodes/Mallcoo/Mallcoo.node';

const properties = new Mallcoo().description.properties;
const byName = (name: string, operation: string) =>
	properties.find(
		(property) =>
			property.name === name && property.displayOptions?.show?.operation?.includes(operation),
	) as INodeProperties;

describe('defaults the editor pre-fills', () => {
	it('Card Status starts empty, offers "Delete the Card (-1)", and a notice says what -1 does', () => {
		const status = byName('mallCardStatus', 'updateStatus');
		expect(status.default).toBe('');
		expect(status.options).toEqual([
			expect.objectContaining({ value: -1, name: 'Delete the Card (-1)' }),
		]);
		const notice = byName('deleteNotice', 'updateStatus');
		expect(notice.type).toBe('notice');
		expect(notice.displayName).toMatch(/-1 deletes the member's card/);
	});

	it.each([
		['updateFields', 'update'],
		['profile', 'openWithProfile'],
	])('every field added to %s starts empty; dates are dates, not date-times', (name, operation) => {
		const fields = byName(name, operation).options as INodeProperties[];
		expect(fields.length).toBeGreaterThan(4);
		for (const field of fields) {
			expect([[], ''], `${field.name} starts at ${JSON.stringify(field.default)}`).toContainEqual(
				field.default,
			);
			expect(field.type).not.toBe('dateTime');
			expect(field.type).not.toBe('boolean');
		}
		const birthday = fields.find((field) => field.name === 'birthday')!;
		expect(birthday).toMatchObject({ type: 'string', placeholder: '1990-01-31' });
	});
});
