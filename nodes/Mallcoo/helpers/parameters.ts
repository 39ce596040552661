import {
	NodeOperationError,
	type IDataObject,
	type INode,
	type INodeProperties,
} from 'n8n-workflow';

/** Where parameters come from: an execute context, or anything that answers the same two calls. */
export interface ParameterSource {
	getNode(): INode;
	getNodeParameter(name: string, itemIndex: number, fallback?: unknown): unknown;
}

const PHONE_PATTERN = /^\+?\d{5,20}$/;

/** Every display name of a property list, collection options included, by internal name. */
function labelsOf(properties: INodeProperties[], labels = new Map<string, string>()) {
	for (const property of properties) {
		if (!labels.has(property.name)) labels.set(property.name, property.displayName);
		for (const option of property.options ?? []) {
			if ('displayName' in option && 'name' in option && !('value' in option)) {
				labelsOf([option as INodeProperties], labels);
			}
		}
	}
	return labels;
}

const labelCache = new WeakMap<INodeProperties[], Map<string, string>>();
const constantNamesCache = new WeakMap<INodeProperties[], Set<string>>();

/**
 * One item's parameters, read and checked. Every problem is a NodeOperationError that names the
 * field as the user sees it and the item, raised before any request is sent.
 */
export class ItemParameters {
	/** `runConstants`: one map shared by all items of a run, for parameters that cannot vary per item. */
	constructor(
		private readonly context: ParameterSource,
		readonly itemIndex: number,
		private readonly properties: INodeProperties[],
		private readonly runConstants?: Map<string, unknown>,
	) {}

	/** The field's display name, so errors speak the user's language, not ours. */
	label(name: string): string {
		let labels = labelCache.get(this.properties);
		if (!labels) {
			labels = labelsOf(this.properties);
			labelCache.set(this.properties, labels);
		}
		// `updateFields.birthday` reads "Update Fields › Birthday"
		return name
			.split('.')
			.map((part) => labels.get(part) ?? part)
			.join(' › ');
	}

	fail(name: string, problem: string, description?: string): never {
		throw new NodeOperationError(
			this.context.getNode(),
			`"${this.label(name)}" ${problem} (item ${this.itemIndex})`,
			{ itemIndex: this.itemIndex, description },
		);
	}

	raw(name: string, fallback?: unknown): unknown {
		if (!this.runConstants || !this.runConstantNames().has(name)) {
			return this.context.getNodeParameter(name, this.itemIndex, fallback);
		}
		// Selectors that take no expressions are the same for every item: read them once per run.
		if (!this.runConstants.has(name))
			this.runConstants.set(name, this.context.getNodeParameter(name, this.itemIndex, fallback));
		return this.runConstants.get(name);
	}

	private runConstantNames(): Set<string> {
		let names = constantNamesCache.get(this.properties);
		if (!names) {
			names = new Set(
				this.properties
					.filter((property) => property.noDataExpression)
					.map((property) => property.name),
			);
			constantNamesCache.set(this.properties, names);
		}
		return names;
	}

	/** A required text; numbers from expressions are accepted as their text. */
	text(name: string): string {
		const value = this.optionalText(name);
		if (value === undefined) this.fail(name, 'is required but is empty');
		return value;
	}

	optionalText(name: string): string | undefined {
		return this.asText(name, this.raw(name, ''));
	}

	asText(name: string, value: unknown): string | undefined {
		if (value === undefined || value === null) return undefined;
		if (typeof value === 'object') this.fail(name, `must be text, not ${JSON.stringify(value)}`);
		const text = String(value).trim();
		return text === '' ? undefined : text;
	}

	/** A phone number: spaces and dashes are dropped, then only digits (and a leading +) are allowed. */
	mobile(name: string): string {
		const mobile = this.text(name).replace(/[\s-]/g, '');
		if (!PHONE_PATTERN.test(mobile)) {
			this.fail(name, `must be a phone number made of digits, but is "${mobile}"`);
		}
		return mobile;
	}

	/** A whole number; numeric text from a spreadsheet or an expression counts. */
	integer(name: string, value: unknown = this.raw(name)): number {
		const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isInteger(number)) {
			this.fail(name, `must be a whole number, but is ${JSON.stringify(value ?? '')}`);
		}
		return number;
	}

	/**
	 * Tag IDs as the platform wants them (a list of integers), from `30,31,32` text,
	 * one number, or an array of numbers or numeric text.
	 */
	tagIds(name: string): number[] {
		const value = this.raw(name);
		const parts = Array.isArray(value)
			? value
			: typeof value === 'number'
				? [value]
				: typeof value === 'string'
					? value.split(/[,\s，]+/).filter((part) => part !== '')
					: this.fail(
							name,
							`must be tag IDs like 30,31,32 or a list of numbers, not ${JSON.stringify(value)}`,
						);
		if (parts.length === 0) this.fail(name, 'is required but is empty');
		return parts.map((part) => {
			const id = typeof part === 'string' && /^\d+$/.test(part.trim()) ? Number(part) : part;
			if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
				this.fail(name, `must hold whole-number tag IDs, but contains ${JSON.stringify(part)}`);
			}
			return id;
		});
	}

	collection(name: string): IDataObject {
		const value = this.raw(name, {});
		return value && typeof value === 'object' && !Array.isArray(value)
			? (value as IDataObject)
			: {};
	}

	/**
	 * A collection read once, with checked readers for its optional fields; errors name a field
	 * as "Collection › Field".
	 */
	fields(name: string) {
		const values = this.collection(name);
		return {
			values,
			text: (field: string) => this.asText(`${name}.${field}`, values[field]),
			integer: (field: string) => this.integer(`${name}.${field}`, values[field]),
		};
	}
}
