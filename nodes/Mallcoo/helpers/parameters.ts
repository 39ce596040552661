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

/** Control characters, spaces, DEL or a backslash: none belongs in an API path. */
const hasUnsafeCharacter = (text: string) =>
	[...text].some(
		(char) => char.charCodeAt(0) <= 0x20 || char.charCodeAt(0) === 0x7f || char === '\\',
	);

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

	// --- minimal readers for the Beyond-the-user-API operations (validate branch wins on merge)

	optionalInteger(name: string, limits: { min?: number; max?: number } = {}): number | undefined {
		const value = this.raw(name, '');
		if (value === undefined || value === null || value === '') return undefined;
		const number = this.integer(name, value);
		this.checkRange(name, number, limits);
		return number;
	}

	number(name: string, limits: { min?: number; max?: number; above?: number } = {}): number {
		const value = this.optionalNumber(name, limits);
		if (value === undefined) this.fail(name, 'is required but is empty');
		return value;
	}

	optionalNumber(
		name: string,
		limits: { min?: number; max?: number; above?: number } = {},
	): number | undefined {
		const value = this.raw(name, '');
		if (value === undefined || value === null || value === '') return undefined;
		const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isFinite(number)) {
			this.fail(name, `must be a number, but is ${JSON.stringify(value)}`);
		}
		if (limits.above !== undefined && !(number > limits.above)) {
			this.fail(name, `must be more than ${limits.above}, but is ${number}`);
		}
		this.checkRange(name, number, limits);
		return number;
	}

	private checkRange(name: string, number: number, limits: { min?: number; max?: number }) {
		if (limits.min !== undefined && number < limits.min)
			this.fail(name, `must be at least ${limits.min}, but is ${number}`);
		if (limits.max !== undefined && number > limits.max)
			this.fail(name, `must be at most ${limits.max}, but is ${number}`);
	}

	/** `yyyy-MM-dd HH:mm:ss` in China Standard Time (UTC+8, no daylight saving). */
	chinaDateTime(name: string): string {
		const value = this.optionalChinaDateTime(name);
		if (value === undefined) this.fail(name, 'is required but is empty');
		return value;
	}

	optionalChinaDateTime(name: string): string | undefined {
		const value = this.raw(name, '');
		if (value === undefined || value === null || value === '') return undefined;
		const bad = () =>
			this.fail(
				name,
				`must be a date and time like 2026-03-01 14:30:00 (China time) or ISO text with an offset, but is ${JSON.stringify(String(value))}`,
			);
		let millis: number | undefined;
		if (value instanceof Date) millis = value.getTime();
		else if (
			typeof value === 'object' &&
			typeof (value as { toMillis?: unknown }).toMillis === 'function'
		)
			millis = (value as { toMillis(): number }).toMillis(); // a Luxon DateTime from an expression
		else if (typeof value === 'string') {
			const text = value.trim();
			const wall = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/.exec(
				text,
			);
			if (wall) {
				// Text without an offset is China wall time already (the date picker gives it so).
				const [year, month, day, hour, minute, second = '00'] = wall.slice(1);
				const check = new Date(Date.UTC(+year, +month - 1, +day, +hour, +minute, +second));
				if (
					check.getUTCFullYear() !== +year ||
					check.getUTCMonth() !== +month - 1 ||
					check.getUTCDate() !== +day ||
					check.getUTCHours() !== +hour ||
					check.getUTCMinutes() !== +minute ||
					check.getUTCSeconds() !== +second
				)
					bad();
				return `${year}-${month}-${day} ${hour}:${minute}:${second}`;
			}
			if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text))
				millis = Date.parse(text);
		}
		if (millis === undefined || !Number.isFinite(millis)) bad();
		return new Date(millis! + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
	}

	choice<T extends string | number>(name: string, values: readonly T[]): T {
		const value = this.raw(name);
		const match = values.find((allowed) => allowed === value || String(allowed) === String(value));
		if (match === undefined)
			this.fail(name, `must be one of ${values.join(', ')}, but is ${JSON.stringify(value)}`);
		return match;
	}

	boolean(name: string): boolean {
		const value = this.raw(name, false);
		if (typeof value === 'boolean') return value;
		if (value === 'true' || value === 'false') return value === 'true';
		return this.fail(name, `must be true or false, but is ${JSON.stringify(value)}`);
	}

	/** A plain JSON object, given as an object or as JSON text. */
	jsonObject(name: string): IDataObject {
		let value = this.raw(name, '{}');
		if (typeof value === 'string') {
			const text = value.trim() === '' ? '{}' : value;
			try {
				value = JSON.parse(text);
			} catch (error) {
				this.fail(
					name,
					`must be a JSON object, but is not valid JSON (${(error as Error).message})`,
				);
			}
		}
		if (!value || typeof value !== 'object' || Array.isArray(value))
			this.fail(
				name,
				`must be a JSON object like {"Key": "value"}, but is ${JSON.stringify(value)}`,
			);
		return value as IDataObject;
	}

	/**
	 * A path under the credential's API Base URL: one leading `/`, then path segments only. No
	 * scheme or host, no `//`, no `.` or `..` segments (raw or percent-encoded), no control
	 * characters, spaces, `\\`, `?` or `#` (Mallcoo takes everything in the POST body).
	 */
	apiPath(name: string): string {
		const path = this.text(name);
		const refuse = (rule: string) =>
			this.fail(
				name,
				`must be a path under the credential's API Base URL like /Gift/V1/GetCategoryList/ (${rule}), but is ${JSON.stringify(path)}`,
			);
		if (hasUnsafeCharacter(path)) refuse('no spaces, control characters or backslashes');
		if (!path.startsWith('/')) refuse('it must start with /, with no scheme or host');
		if (path.startsWith('//')) refuse('no host: it must not start with //');
		if (/[?#]/.test(path)) refuse('no query or fragment');
		if (path.includes('//')) refuse('no empty segments (//)');
		let decoded: string;
		try {
			decoded = decodeURIComponent(path);
		} catch {
			return refuse('invalid percent-encoding');
		}
		if (hasUnsafeCharacter(decoded) || /[?#]/.test(decoded) || decoded.includes('//'))
			refuse('no encoded spaces, slashes, backslashes, ? or #');
		if (decoded.split('/').some((segment) => segment === '.' || segment === '..'))
			refuse('no . or .. segments');
		return path;
	}
}
