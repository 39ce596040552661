import type { INodeProperties } from 'n8n-workflow';

/** An amount of the Pay page: a whole number of fen (分), 100 fen = 1 yuan. */
export const fenField = (
	name: string,
	displayName: string,
	what: string,
	platform: string,
	min: number,
): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	default: 0,
	required: true,
	typeOptions: { minValue: min, numberPrecision: 0 },
	description: `${what}, in fen: a whole number, 100 fen = 1 yuan, so ¥12.50 is 1250`,
	hint: `Mallcoo: ${platform}, in fen`,
});
