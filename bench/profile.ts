/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * A CPU profile of the n8n process that runs the engine, over one webhook call only, and where
 * its time goes per item.
 *
 * PROFILE_HOOK is preloaded into n8n (`NODE_OPTIONS=--require <hook>`): SIGUSR2 starts V8's
 * sampling profiler (the one behind `node --cpu-prof`, through node:inspector), a second SIGUSR2
 * stops it and writes the `.cpuprofile`. So the profile holds the measured run, not n8n's start-up.
 *
 * analyseProfile() puts every sample in one category by its innermost frame that belongs to a
 * known part (n8n's request helper, the credential, the node's files, n8n's expression code, ...);
 * frames of Node's own internals and V8 builtins are skipped over to their caller.
 */
import path from 'node:path';

/** CommonJS, for n8n's own Node 24; configured by BENCH_CPU_PROFILE_FILE. */
export const PROFILE_HOOK = `'use strict';
const inspector = require('node:inspector');
const fs = require('node:fs');
const file = process.env.BENCH_CPU_PROFILE_FILE;
if (file && /[\\\\/]n8n$/.test(process.argv[1] || '') && process.argv.includes('start')) {
	let session = null;
	process.on('SIGUSR2', () => {
		if (!session) {
			session = new inspector.Session();
			session.connect();
			session.post('Profiler.enable', () =>
				session.post('Profiler.setSamplingInterval', { interval: 250 }, () =>
					session.post('Profiler.start', () => fs.writeFileSync(file + '.started', String(Date.now()))),
				),
			);
			return;
		}
		const current = session;
		session = null;
		current.post('Profiler.stop', (error, result) => {
			fs.writeFileSync(file + '.tmp', error ? JSON.stringify({ error: String(error) }) : JSON.stringify(result.profile));
			fs.renameSync(file + '.tmp', file);
			fs.rmSync(file + '.started', { force: true });
			current.disconnect();
		});
	});
}
`;

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
	columnNumber: number;
}

interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	children?: number[];
}

export interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

export const CATEGORIES = [
	'helper',
	'credential authenticate',
	'parameters & expressions',
	'input checking & request building',
	'node transport',
	'envelope parsing',
	'scheduling',
	'output building & run loop',
	'floor node',
	'engine & webhook',
	'garbage collection',
	'V8 & native (program)',
	'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Which part of the stack a file belongs to; undefined lets the caller's frame decide. */
function frameCategory(frame: CallFrame): Category | undefined {
	const url = frame.url.replace(/\\/g, '/');
	const name = frame.functionName;
	if (name === '(garbage collector)') return 'garbage collection';
	if (name === '(program)') return 'V8 & native (program)';
	if (url === '' || url.startsWith('node:')) return undefined;
	if (/\/n8n-nodes-mallcoo\/dist\/credentials\//.test(url)) return 'credential authenticate';
	if (/\/n8n-nodes-mallcoo\/dist\/bench\//.test(url)) return 'floor node';
	if (/\/n8n-nodes-mallcoo\/dist\/nodes\//.test(url)) {
		if (/\/transport\/schedule\.js$/.test(url)) return 'scheduling';
		if (/\/transport\/request\.js$/.test(url))
			return name === 'readEnvelope' || name === 'parseJson'
				? 'envelope parsing'
				: 'node transport';
		if (/\/(execute|router)\.js$/.test(url) || /Mallcoo\.node\.js$/.test(url))
			return 'output building & run loop';
		return 'input checking & request building';
	}
	if (
		/\/n8n-core\/dist\/.*request-helper/.test(url) ||
		/\/node_modules\/(axios|follow-redirects|form-data|proxy-from-env|agent-base|https?-proxy-agent|combined-stream|asynckit|mime-types|mime-db|@n8n\/backend-network)\//.test(
			url,
		) ||
		// n8n's CredentialsHelper.authenticate, and the credential type it looks up for every request
		/\/n8n\/dist\/(credentials-helper|credential-types|load-nodes-and-credentials)\.js$/.test(
			url,
		) ||
		/\/n8n-core\/dist\/nodes-loader\//.test(url)
	)
		return 'helper';
	if (
		/\/n8n-workflow\/dist\/.*(expression|workflow-data-proxy|extensions|node-helpers|node-parameters|augment-object|type-validation|native-methods)/i.test(
			url,
		) ||
		/\/node_modules\/(@n8n\/tournament|@n8n\/expression-runtime|esprima-next|recast|ast-types|luxon|jmespath|lodash)\//.test(
			url,
		) ||
		/\/n8n-core\/dist\/execution-engine\/node-execution-context\/(utils\/(get-additional-keys|extract-value|validate-value|ensure-type|cleanup-parameter-data)|node-execution-context)\.js/.test(
			url,
		)
	)
		return 'parameters & expressions';
	if (
		/\/n8n-core\/dist\/execution-engine\/(routing-node|node-execution-context\/execute-context)/.test(
			url,
		)
	)
		return 'engine & webhook';
	if (
		/\/n8n-core\/dist\//.test(url) ||
		/\/n8n\/dist\//.test(url) ||
		/\/n8n-nodes-base\/dist\//.test(url) ||
		/\/n8n-workflow\/dist\//.test(url) ||
		/\/node_modules\/(express|body-parser|raw-body|router|iconv-lite|@n8n\/|typeorm|sqlite3|ws|reflect-metadata|winston|logform)/.test(
			url,
		)
	)
		return 'engine & webhook';
	return 'other';
}

/**
 * For a stack made only of Node internals and native frames: by the outermost Node module that
 * says what it is (sockets and HTTP: the helper's; timers and the microtask queue: scheduling).
 */
function internalCategory(stack: CallFrame[]): Category {
	for (const frame of stack) {
		if (
			/^node:(_http_|http|https|net|tls|dns|zlib|internal\/(http|net|tls|stream_base|dns|url|js_stream))/.test(
				frame.url,
			)
		)
			return 'helper';
	}
	for (const frame of stack) {
		if (
			/^node:(timers|internal\/(timers|process\/task_queues|async_hooks))/.test(frame.url) ||
			frame.functionName === 'runMicrotasks'
		)
			return 'scheduling';
	}
	return 'other';
}

export interface FrameCost {
	category: Category;
	functionName: string;
	location: string;
	selfMs: number;
}

export interface ProfileAnalysis {
	items: number;
	/** Sampled time that was not idle: the main thread's busy time during the run. */
	busyMs: number;
	categories: Array<{ category: Category; ms: number; msPerItem: number; share: number }>;
	/** The costliest frames (self time) outside the helper, each with its category. */
	topFramesAboveHelper: FrameCost[];
}

const shortLocation = (frame: CallFrame) => {
	const url = frame.url.replace(/\\/g, '/');
	const inModules = url.lastIndexOf('/node_modules/');
	const shown =
		inModules >= 0 ? url.slice(inModules + '/node_modules/'.length) : path.basename(url);
	return `${shown || '(native)'}:${frame.lineNumber + 1}`;
};

export function analyseProfile(profile: CpuProfile, items: number, topCount = 15): ProfileAnalysis {
	const byId = new Map<number, ProfileNode>();
	const parent = new Map<number, number>();
	for (const node of profile.nodes) {
		byId.set(node.id, node);
		for (const child of node.children ?? []) parent.set(child, node.id);
	}
	const categoryOf = new Map<number, Category>();
	const resolve = (id: number): Category => {
		const known = categoryOf.get(id);
		if (known) return known;
		let category: Category | undefined;
		const stack: CallFrame[] = [];
		for (
			let current = id as number | undefined;
			current !== undefined;
			current = parent.get(current)
		) {
			const frame = byId.get(current)!.callFrame;
			category = frameCategory(frame);
			if (category) break;
			stack.push(frame);
		}
		category ??= internalCategory(stack);
		categoryOf.set(id, category);
		return category;
	};

	const totals = new Map<Category, number>();
	const selfByNode = new Map<number, number>();
	let busyUs = 0;
	for (let i = 0; i < profile.samples.length; i++) {
		const id = profile.samples[i];
		// A sample's time is the delta to the next one.
		const us = profile.timeDeltas[i + 1] ?? 0;
		const frame = byId.get(id)!.callFrame;
		if (frame.functionName === '(idle)' || frame.functionName === '(root)') continue;
		busyUs += us;
		const category = resolve(id);
		totals.set(category, (totals.get(category) ?? 0) + us);
		selfByNode.set(id, (selfByNode.get(id) ?? 0) + us);
	}

	const frames = new Map<string, FrameCost>();
	for (const [id, us] of selfByNode) {
		const category = resolve(id);
		if (category === 'helper') continue;
		const frame = byId.get(id)!.callFrame;
		const location = shortLocation(frame);
		const key = `${category}|${frame.functionName}|${location}`;
		const entry = frames.get(key) ?? {
			category,
			functionName: frame.functionName || '(anonymous)',
			location,
			selfMs: 0,
		};
		entry.selfMs += us / 1000;
		frames.set(key, entry);
	}

	const busyMs = busyUs / 1000;
	return {
		items,
		busyMs,
		categories: CATEGORIES.filter((category) => totals.has(category)).map((category) => {
			const ms = totals.get(category)! / 1000;
			return { category, ms, msPerItem: ms / items, share: ms / busyMs };
		}),
		topFramesAboveHelper: [...frames.values()]
			.sort((a, b) => b.selfMs - a.selfMs)
			.slice(0, topCount),
	};
}
