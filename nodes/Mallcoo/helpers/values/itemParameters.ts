import {
	NodeOperationError,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { apiPathOf, urlOf } from './address';
import {
	BOOLEAN_RULE,
	booleanOf,
	choiceListOf,
	choiceOf,
	optionList,
	type ChoiceValue,
} from './choice';
import { collectionReaders, type CollectionReaders } from './collection';
import { chinaDateTimeOf, dateOf } from './dateTime';
import { idListOf } from './idList';
import { compileItemTemplate, type ItemTemplate } from './itemTemplate';
import { jsonObjectOf } from './json';
import { numberOf, type IntegerOptions, type NumberOptions } from './number';
import { propertyPath, runConstantNames, type PropertyPath } from './propertyPaths';
import { mobileOf, textOf, type TextOptions } from './text';
import { describeValue, isPlainObject, type Refuse } from './wording';

/** Where parameters come from: an execute context, or anything that answers the same two calls. */
export interface ParameterSource {
	getNode(): INode;
	getNodeParameter(name: string, itemIndex: number, fallback?: unknown): unknown;
	/** The node's input items; with it, `={{ $json.field }}` is read from the item itself. */
	getInputData?(): INodeExecutionData[];
}

/**
 * `={{ $json.field }}` or `={{ $json["field"] }}` and nothing else: the value is the input item's
 * own field. n8n 2.x evaluates every expression in an isolated-vm sandbox (about 0.9 ms of CPU
 * per item, measured by bench/cpu-bound.ts); reading the field gives the same value for free.
 */
const JSON_FIELD_EXPRESSION =
	/^=\{\{\s*\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(["'])([^"'\\]+)\2\s*\])\s*\}\}$/;

/**
 * One item's parameters, each read as the kind of value it is. Every problem is a
 * NodeOperationError that names the field as the editor shows it ("Collection › Field"), the item
 * as the editor counts it (the first is item 1) and the rule the value broke, raised before any
 * request is sent.
 */
export class ItemParameters {
	/** `runConstants`: one map shared by all items of a run, for parameters that cannot vary per item. */
	constructor(
		private readonly context: ParameterSource,
		readonly itemIndex: number,
		private readonly properties: INodeProperties[],
		private readonly runConstants?: Map<string, unknown>,
	) {}

	private path(name: string): PropertyPath {
		return propertyPath(this.properties, name);
	}

	/** The field's display name, so errors speak the user's language: `updateFields.birthday` reads "Update Fields › Birthday". */
	label(name: string): string {
		return this.path(name).labels.join(' › ');
	}

	fail(name: string, problem: string, description?: string): never {
		throw new NodeOperationError(
			this.context.getNode(),
			`"${this.label(name)}" ${problem} (item ${this.itemIndex + 1})`,
			{ itemIndex: this.itemIndex, description },
		);
	}

	raw(name: string, fallback?: unknown): unknown {
		if (!this.runConstants || !runConstantNames(this.properties).has(name)) {
			const field = this.jsonField(name);
			if (field !== null) {
				const json = this.context.getInputData?.()[this.itemIndex]?.json;
				// A missing field goes through n8n, which knows what such an expression yields.
				if (json && Object.prototype.hasOwnProperty.call(json, field)) return json[field];
			}
			const template = this.itemTemplate(name);
			const json = template && this.context.getInputData?.()[this.itemIndex]?.json;
			const filled = json ? template!(json) : undefined;
			if (filled) return filled.value;
			return this.context.getNodeParameter(name, this.itemIndex, fallback);
		}
		// Selectors that take no expressions are the same for every item: read them once per run.
		if (!this.runConstants.has(name))
			this.runConstants.set(name, this.context.getNodeParameter(name, this.itemIndex, fallback));
		return this.runConstants.get(name);
	}

	/** A collection or list parameter filled from the item's own fields (itemTemplate.ts), or null. */
	private itemTemplate(name: string): ItemTemplate | null {
		if (!this.runConstants || !this.context.getInputData) return null;
		const key = `template:${name}`;
		let template = this.runConstants.get(key) as ItemTemplate | null | undefined;
		if (template === undefined) {
			template = compileItemTemplate(this.context.getNode().parameters[name], (expression) => {
				const match = JSON_FIELD_EXPRESSION.exec(expression);
				return match ? (match[1] ?? match[3]) : null;
			});
			this.runConstants.set(key, template);
		}
		return template;
	}

	/**
	 * The input field a parameter reads when it is exactly `={{ $json.field }}`, else null; looked
	 * up once per run (n8n's getNode() deep-copies the node on every call).
	 */
	private jsonField(name: string): string | null {
		if (!this.runConstants || !this.context.getInputData) return null;
		const key = `$json:${name}`;
		let field = this.runConstants.get(key) as string | null | undefined;
		if (field === undefined) {
			const value = this.context.getNode().parameters[name];
			const match = typeof value === 'string' ? JSON_FIELD_EXPRESSION.exec(value) : null;
			field = match ? (match[1] ?? match[3]) : null;
			this.runConstants.set(key, field);
		}
		return field;
	}

	/** Runs one kind's check on a value, turning its refusal into this field's error. */
	private check<T>(name: string, read: (refuse: Refuse) => T): T {
		return read((problem) => this.fail(name, problem));
	}

	private required<T>(name: string, value: T | undefined, rule?: string): T {
		if (value === undefined)
			this.fail(name, rule ? `is required: ${rule}` : 'is required but is empty');
		return value;
	}

	/** The options of an options-type field, from its description. */
	private optionsOf(name: string): INodePropertyOptions[] {
		return (this.path(name).property?.options ?? []).filter(
			(option): option is INodePropertyOptions => 'value' in option,
		);
	}

	private choiceValues<T extends ChoiceValue>(name: string, values?: readonly T[]): readonly T[] {
		return values ?? (this.optionsOf(name).map((option) => option.value) as T[]);
	}

	// --- text and mobile numbers (text.ts)

	text(name: string, options?: TextOptions): string {
		return this.required(name, this.optionalText(name, options));
	}

	optionalText(name: string, options?: TextOptions): string | undefined {
		return this.textValue(name, this.raw(name, null), options);
	}

	textValue(name: string, value: unknown, options?: TextOptions): string | undefined {
		return this.check(name, (refuse) => textOf(value, refuse, options));
	}

	mobile(name: string): string {
		return this.required(name, this.optionalMobile(name));
	}

	optionalMobile(name: string): string | undefined {
		return this.mobileValue(name, this.raw(name, null));
	}

	mobileValue(name: string, value: unknown): string | undefined {
		return this.check(name, (refuse) => mobileOf(value, refuse));
	}

	// --- numbers (number.ts)

	integer(name: string, options?: IntegerOptions): number {
		return this.required(name, this.optionalInteger(name, options));
	}

	optionalInteger(name: string, options?: IntegerOptions): number | undefined {
		return this.integerValue(name, this.raw(name, null), options);
	}

	integerValue(name: string, value: unknown, options?: IntegerOptions): number | undefined {
		return this.check(name, (refuse) => numberOf(value, refuse, 'integer', options));
	}

	number(name: string, options?: NumberOptions): number {
		return this.required(name, this.optionalNumber(name, options));
	}

	optionalNumber(name: string, options?: NumberOptions): number | undefined {
		return this.numberValue(name, this.raw(name, null), options);
	}

	numberValue(name: string, value: unknown, options?: NumberOptions): number | undefined {
		return this.check(name, (refuse) => numberOf(value, refuse, 'number', options));
	}

	// --- dates and China date-times (dateTime.ts)

	date(name: string): string {
		return this.required(name, this.optionalDate(name));
	}

	optionalDate(name: string): string | undefined {
		return this.dateValue(name, this.raw(name, null));
	}

	dateValue(name: string, value: unknown): string | undefined {
		return this.check(name, (refuse) => dateOf(value, refuse));
	}

	chinaDateTime(name: string): string {
		return this.required(name, this.optionalChinaDateTime(name));
	}

	optionalChinaDateTime(name: string): string | undefined {
		return this.chinaDateTimeValue(name, this.raw(name, null));
	}

	chinaDateTimeValue(name: string, value: unknown): string | undefined {
		return this.check(name, (refuse) => chinaDateTimeOf(value, refuse));
	}

	// --- URLs and API paths (address.ts)

	url(name: string): string {
		return this.required(name, this.optionalUrl(name));
	}

	optionalUrl(name: string): string | undefined {
		return this.urlValue(name, this.raw(name, null));
	}

	urlValue(name: string, value: unknown): string | undefined {
		return this.check(name, (refuse) => urlOf(value, refuse));
	}

	apiPath(name: string): string {
		return this.required(
			name,
			this.check(name, (refuse) => apiPathOf(this.raw(name, null), refuse)),
		);
	}

	// --- choices and yes/no (choice.ts)

	/** One of `values` (by default the field's own options); the error lists the choices. */
	choice<T extends ChoiceValue>(name: string, values?: readonly T[]): T {
		const allowed = this.choiceValues(name, values);
		return this.required(
			name,
			this.optionalChoice(name, allowed),
			`choose one of ${optionList(allowed, this.optionsOf(name))}`,
		);
	}

	optionalChoice<T extends ChoiceValue>(name: string, values?: readonly T[]): T | undefined {
		return this.choiceValue(name, this.raw(name, null), values);
	}

	choiceValue<T extends ChoiceValue>(
		name: string,
		value: unknown,
		values?: readonly T[],
	): T | undefined {
		const allowed = this.choiceValues(name, values);
		return this.check(name, (refuse) => choiceOf(value, refuse, allowed, this.optionsOf(name)));
	}

	choicesValue<T extends ChoiceValue>(
		name: string,
		value: unknown,
		values?: readonly T[],
	): T[] | undefined {
		const allowed = this.choiceValues(name, values);
		return this.check(name, (refuse) => choiceListOf(value, refuse, allowed, this.optionsOf(name)));
	}

	boolean(name: string): boolean {
		return this.required(name, this.optionalBoolean(name), BOOLEAN_RULE);
	}

	optionalBoolean(name: string): boolean | undefined {
		return this.booleanValue(name, this.raw(name, null));
	}

	booleanValue(name: string, value: unknown): boolean | undefined {
		return this.check(name, (refuse) => booleanOf(value, refuse));
	}

	// --- ID lists (idList.ts), JSON objects (json.ts) and collections

	idList(name: string): number[] {
		return this.required(name, this.idListValue(name, this.raw(name, null)));
	}

	idListValue(name: string, value: unknown): number[] | undefined {
		return this.check(name, (refuse) => idListOf(value, refuse));
	}

	jsonObject(name: string): IDataObject {
		return this.required(name, this.jsonObjectValue(name, this.raw(name, null)));
	}

	jsonObjectValue(name: string, value: unknown): IDataObject | undefined {
		return this.check(name, (refuse) => jsonObjectOf(value, refuse));
	}

	/** A collection's values; an absent collection is empty, anything but an object is refused. */
	collection(name: string): IDataObject {
		const value = this.raw(name, {});
		if (value === undefined || value === null || value === '') return {};
		if (!isPlainObject(value)) {
			this.fail(name, `must be a collection of fields, not ${describeValue(value)}`);
		}
		return value;
	}

	/** A collection read once, with checked readers for its optional fields. */
	fields(name: string): CollectionReaders {
		return collectionReaders(this, name, this.collection(name));
	}
}
