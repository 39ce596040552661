/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
import type { IncomingMessage, ServerResponse } from 'http';

/** Small node:http helpers shared by the API, the OAuth pages and the control API. */

export const JSON_TYPE = 'application/json; charset=utf-8';

/** The body as sent, decoded as UTF-8 once all of it has arrived (the signature covers these bytes). */
export function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

export function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

export function send(
	res: ServerResponse,
	status: number,
	headers: Record<string, string>,
	body: string,
): void {
	if (res.destroyed || res.writableEnded) return;
	res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
	res.end(body);
}

export function sendJson(
	res: ServerResponse,
	status: number,
	value: unknown,
	headers: Record<string, string> = {},
): void {
	send(res, status, { ...headers, 'Content-Type': JSON_TYPE }, JSON.stringify(value));
}
