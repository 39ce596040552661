import { chinaDateTime } from '../../credentials/chinaTime';
import { WRITES } from '../counters';
import {
	optionalFilterText,
	optionalString,
	requiredInteger,
	requiredNumber,
	requiredString,
	type Body,
} from '../params';
import { parameterError, Refusal } from '../refusals';
import type { Endpoint, EndpointContext } from './endpoint';
import { memberNotFound } from './lookups';

/** Adding and deducting a member's points: https://docs.mallcoo.cn/open/api/Score.html. */

const round2 = (value: number) => Math.round(value * 100) / 100;

function changePoints(body: Body, ctx: EndpointContext, kind: 'plus' | 'subtract'): undefined {
	// Spelled OpenUserId on the Score page (OpenUserID elsewhere): the sandbox takes only that.
	const openUserId = requiredString(body, 'OpenUserId');
	const scoreEvent = requiredInteger(body, 'ScoreEvent');
	const score = requiredNumber(body, 'Score');
	if (!(score > 0)) throw parameterError('Score', '必须大于0 (must be greater than 0)');
	const reason = optionalString(body, 'Reason');
	const transId = requiredString(body, 'TransID');
	const userToken = optionalFilterText(body, 'UserToken');

	const m = ctx.store.find('OpenUserID', openUserId);
	if (!m?.Card) throw memberNotFound();
	if (userToken !== undefined && ctx.store.find('UserToken', userToken) !== m)
		throw new Refusal('userTokenInvalid');
	if (ctx.mall.points.has(transId)) throw new Refusal('duplicateTransId');
	const balance = m.Card.Score;
	if (kind === 'subtract' && score > balance)
		throw new Refusal('insufficientPoints', `balance ${balance}, deduction ${score}`);
	const after = round2(kind === 'plus' ? balance + score : balance - score);
	ctx.store.update(m, (user) => (user.Card!.Score = after));
	ctx.mall.points.set(transId, {
		TransID: transId,
		kind,
		OpenUserId: openUserId,
		Score: score,
		ScoreEvent: scoreEvent,
		Reason: reason ?? null,
		UserToken: userToken ?? null,
		BalanceAfter: after,
		At: chinaDateTime(ctx.now),
	});
	ctx.store.applied.add(WRITES.points, transId);
	return undefined;
}

export const POINTS_ENDPOINTS: readonly Endpoint[] = [
	{
		path: '/User/Score/v1/Subtract/ByOpenUserID/',
		title: '根据用户ID扣除会员积分',
		handle: (body, ctx) => changePoints(body, ctx, 'subtract'),
	},
	{
		path: '/User/Score/v1/Plus/ByOpenUserID/',
		title: '根据用户ID增加会员积分',
		handle: (body, ctx) => changePoints(body, ctx, 'plus'),
	},
];
