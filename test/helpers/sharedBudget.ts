/** Whether something other than a run leaves the credential's shared request budget as a run set it. */
import { expect, vi, type MockInstance } from 'vitest';

import { RequestBudget, sharedBudget } from '../../nodes/Mallcoo/transport/schedule';

/**
 * Sets the budget of the credential "sandbox" (as the test workflows name it) to 2 requests a
 * second, as a run would, then runs `act` with RequestBudget's `take` spied on for it to check.
 * `act` must not set a ceiling, and afterwards the budget must still hold 2 a second.
 */
export async function expectCeilingKept(
	credentials: { appId: string; baseUrl: string },
	act: (budget: RequestBudget, take: MockInstance<RequestBudget['take']>) => Promise<void>,
): Promise<void> {
	const budget = sharedBudget(`sandbox|${credentials.appId}|${credentials.baseUrl}`, 2);
	const setCeiling = vi.spyOn(RequestBudget.prototype, 'setCeiling');
	const take = vi.spyOn(RequestBudget.prototype, 'take');
	try {
		await act(budget, take);
		expect(setCeiling).not.toHaveBeenCalled();
	} finally {
		setCeiling.mockRestore();
		take.mockRestore();
	}
	// Still 2 a second: two slots in a row are half a second apart.
	const first = Date.now();
	await budget.take();
	await budget.take();
	expect(Date.now() - first).toBeGreaterThanOrEqual(400);
}
