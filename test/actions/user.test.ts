/**
 * The user resource through n8n's engine against the sandbox: each test checks what the node
 * output and what the sandbox really received.
 */
import { describe, expect, it } from 'vitest';

import { SEED_MEMBERS } from '../../sandbox/server';
import { useOperationRunner } from '../helpers/operations';

const { onlyRequest, run } = useOperationRunner();
const [ada] = SEED_MEMBERS;

describe('user', () => {
	const keys = [
		['userToken', 'ByToken', 'UserToken'],
		['openUserId', 'ByOpenUserID', 'OpenUserID'],
		['wxOpenId', 'ByWXOpenID', 'WXOpenID'],
		['aliUserId', 'ByAliUserID', 'AliUserID'],
	] as const;
	it.each(keys)('get finds a user by %s', async (findBy, pathSegment, apiName) => {
		const output = await run({
			resource: 'user',
			operation: 'get',
			findBy,
			[findBy]: ada[apiName],
		});
		expect(output).toHaveLength(1);
		expect(output[0].json.OpenUserID).toBe(ada.OpenUserID);
		expect(output[0].json.NickName).toBe(ada.NickName);
		expect(output[0].json).not.toHaveProperty('MallCardNo');
		const request = onlyRequest();
		expect(request.path).toBe(`/User/BaseInfo/v1/Get/${pathSegment}/`);
		expect(request.rawBody).toBe(JSON.stringify({ [apiName]: ada[apiName] }));
	});
});
