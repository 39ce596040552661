/**
 * The baseline: a plain undici loop sending the same signed requests at the same concurrency.
 * Signing goes through the credential's own `authenticate`, as n8n does for the node, so the
 * bodies and Mallcoo headers are the node's; only the HTTP client and the engine are missing.
 */
import type { IDataObject } from 'n8n-workflow';
import { Pool } from 'undici';

import { MallcooApi } from '../credentials/MallcooApi.credentials';
import { rawRequest } from './ops';
import type { Runner, WorkerConfig } from './types';

export function baselineRunner(config: WorkerConfig): Runner {
	const credential = new MallcooApi();
	// One keep-alive connection per worker: what a plain client would do.
	const pool = new Pool(config.baseUrl, { connections: config.concurrency });

	async function send(item: IDataObject): Promise<void> {
		const { path, body } = rawRequest(config.op, item);
		const signed = await credential.authenticate(config.credentials, {
			method: 'POST',
			url: path,
			body,
		});
		const response = await pool.request({
			method: 'POST',
			path,
			headers: signed.headers as Record<string, string>,
			body: signed.body as string,
		});
		// Read and parse the envelope, as the node does.
		const envelope = JSON.parse(await response.body.text()) as {
			Code?: unknown;
			Message?: unknown;
		};
		if (response.statusCode !== 200 || envelope.Code !== 1) {
			throw new Error(
				`baseline ${path} ${JSON.stringify(item)}: HTTP ${response.statusCode} Code ${String(envelope.Code)} ${String(envelope.Message)}`,
			);
		}
	}

	return async (items) => {
		let next = 0;
		const worker = async () => {
			while (next < items.length) await send(items[next++]);
		};
		await Promise.all(Array.from({ length: Math.min(config.concurrency, items.length) }, worker));
	};
}
