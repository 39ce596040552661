import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export interface PropertyPath {
	labels: string[];
	property?: INodeProperties;
}

const pathCache = new WeakMap<INodeProperties[], Map<string, PropertyPath>>();
const constantNamesCache = new WeakMap<INodeProperties[], Set<string>>();

/** The property at `a.b.c` (collection options and fixed-collection groups included) and its display names. */
function resolvePath(properties: INodeProperties[], name: string): PropertyPath {
	const labels: string[] = [];
	let level: Array<INodeProperties | INodePropertyOptions> | undefined = properties;
	let property: INodeProperties | undefined;
	for (const part of name.split('.')) {
		const found = level?.find(
			(candidate) => 'name' in candidate && candidate.name === part && 'displayName' in candidate,
		) as (INodeProperties & { values?: INodeProperties[] }) | undefined;
		labels.push(found?.displayName ?? part);
		property = found?.type ? found : undefined;
		level = found?.values ?? (found?.options as typeof level);
	}
	return { labels, property };
}

/** The property at `a.b.c`, resolved once per description. */
export function propertyPath(properties: INodeProperties[], name: string): PropertyPath {
	let paths = pathCache.get(properties);
	if (!paths) {
		paths = new Map();
		pathCache.set(properties, paths);
	}
	let path = paths.get(name);
	if (!path) {
		path = resolvePath(properties, name);
		paths.set(name, path);
	}
	return path;
}

/** The parameters that take no expressions: the same for every item of a run. */
export function runConstantNames(properties: INodeProperties[]): Set<string> {
	let names = constantNamesCache.get(properties);
	if (!names) {
		names = new Set(
			properties.filter((property) => property.noDataExpression).map((property) => property.name),
		);
		constantNamesCache.set(properties, names);
	}
	return names;
}
