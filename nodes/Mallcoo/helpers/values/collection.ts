import type { IDataObject } from 'n8n-workflow';

import type { ChoiceValue } from './choice';
import type { ItemParameters } from './itemParameters';
import type { IntegerOptions, NumberOptions } from './number';
import type { TextOptions } from './text';
import { isEmpty } from './wording';

/** Readers for one collection's fields; every field is optional, so each returns undefined when absent or empty. */
export interface CollectionReaders {
	values: IDataObject;
	has(field: string): boolean;
	text(field: string, options?: TextOptions): string | undefined;
	optionalText(field: string, options?: TextOptions): string | undefined;
	mobile(field: string): string | undefined;
	optionalMobile(field: string): string | undefined;
	integer(field: string, options?: IntegerOptions): number | undefined;
	optionalInteger(field: string, options?: IntegerOptions): number | undefined;
	number(field: string, options?: NumberOptions): number | undefined;
	optionalNumber(field: string, options?: NumberOptions): number | undefined;
	date(field: string): string | undefined;
	optionalDate(field: string): string | undefined;
	chinaDateTime(field: string): string | undefined;
	optionalChinaDateTime(field: string): string | undefined;
	url(field: string): string | undefined;
	choice<T extends ChoiceValue>(field: string, values?: readonly T[]): T | undefined;
	optionalChoice<T extends ChoiceValue>(field: string, values?: readonly T[]): T | undefined;
	choices<T extends ChoiceValue>(field: string, values?: readonly T[]): T[] | undefined;
	boolean(field: string): boolean | undefined;
	optionalBoolean(field: string): boolean | undefined;
	idList(field: string): number[] | undefined;
	jsonObject(field: string): IDataObject | undefined;
}

/** The readers of collection `name` (its `values` already read); errors name "Collection › Field". */
export function collectionReaders(
	parameters: ItemParameters,
	name: string,
	values: IDataObject,
): CollectionReaders {
	const at = (field: string) => `${name}.${field}`;
	const text = (field: string, options?: TextOptions) =>
		parameters.textValue(at(field), values[field], options);
	const mobile = (field: string) => parameters.mobileValue(at(field), values[field]);
	const integer = (field: string, options?: IntegerOptions) =>
		parameters.integerValue(at(field), values[field], options);
	const number = (field: string, options?: NumberOptions) =>
		parameters.numberValue(at(field), values[field], options);
	const date = (field: string) => parameters.dateValue(at(field), values[field]);
	const chinaDateTime = (field: string) => parameters.chinaDateTimeValue(at(field), values[field]);
	const choice = <T extends ChoiceValue>(field: string, allowed?: readonly T[]) =>
		parameters.choiceValue(at(field), values[field], allowed);
	const boolean = (field: string) => parameters.booleanValue(at(field), values[field]);
	return {
		values,
		has: (field) => !isEmpty(values[field]),
		text,
		optionalText: text,
		mobile,
		optionalMobile: mobile,
		integer,
		optionalInteger: integer,
		number,
		optionalNumber: number,
		date,
		optionalDate: date,
		chinaDateTime,
		optionalChinaDateTime: chinaDateTime,
		url: (field) => parameters.urlValue(at(field), values[field]),
		choice,
		optionalChoice: choice,
		choices: (field, allowed) => parameters.choicesValue(at(field), values[field], allowed),
		boolean,
		optionalBoolean: boolean,
		idList: (field) => parameters.idListValue(at(field), values[field]),
		jsonObject: (field) => parameters.jsonObjectValue(at(field), values[field]),
	};
}
