import { chinaDateTime } from '../../credentials/chinaTime';
import { WRITES } from '../counters';
import {
	optionalFilterText,
	optionalInteger,
	optionalString,
	requiredDateTime,
	requiredInteger,
	requiredString,
	urlDecoded,
} from '../params';
import { parameterError } from '../refusals';
import type { Endpoint } from './endpoint';
import { byThirdPartyCardId, cardTypeOfGrade, memberNotFound } from './lookups';

/** The CRM telling Mallcoo of a member's change or grade change: http://docs.mallcoo.cn/open/api/CRM.html. */

export const CRM_NOTICE_ENDPOINTS: readonly Endpoint[] = [
	{
		path: '/User/AdvancedInfo/v1/Update/Notice/',
		title: '会员信息变更通知',
		handle(body, ctx) {
			const thirdPartyCardId = optionalFilterText(body, 'ThirdPartyCardID');
			const mobile = optionalFilterText(body, 'Mobile');
			if (thirdPartyCardId === undefined && mobile === undefined)
				throw parameterError('ThirdPartyCardID/Mobile', '二选一必填 (one of them is required)');
			// The CRM id decides when both are sent (the page's example sends both).
			const m =
				thirdPartyCardId !== undefined
					? byThirdPartyCardId(ctx, thirdPartyCardId)
					: ctx.store.find('Mobile', mobile!);
			if (!m) throw memberNotFound();
			ctx.mall.notices.push({
				ThirdPartyCardID: thirdPartyCardId ?? null,
				Mobile: mobile ?? null,
				OpenUserID: m.OpenUserID,
				At: chinaDateTime(ctx.now),
			});
			ctx.store.applied.add(WRITES.notifyChange, thirdPartyCardId ?? mobile!);
			return undefined;
		},
	},
	{
		path: '/User/AdvancedInfo/v1/UpdateGrade/Inform/',
		title: '会员等级变更通知',
		handle(body, ctx) {
			// The page's example sends these five; the rest are optional here.
			const thirdPartyCardId = requiredString(body, 'ThirdPartyCardID');
			const before = urlDecoded(requiredString(body, 'BeforeCardCode'), 'BeforeCardCode');
			const after = urlDecoded(requiredString(body, 'AfterCardCode'), 'AfterCardCode');
			const changeType = requiredInteger(body, 'ChangeType');
			if (changeType !== 0 && changeType !== 1)
				throw parameterError('ChangeType', '只能是 0 (升级) 或 1 (降级) (must be 0 or 1)');
			const changeTime = requiredDateTime(body, 'ChangeTime');
			const remark = optionalString(body, 'Remark');
			const ruleId = optionalInteger(body, 'GradeChangeRuleID');
			const gradeChangeType = optionalInteger(body, 'GradeChangeType');
			if (gradeChangeType !== undefined && gradeChangeType !== 1 && gradeChangeType !== 2)
				throw parameterError('GradeChangeType', '只能是 1 或 2 (must be 1 or 2)');
			const gradeChangeId = optionalFilterText(body, 'GradeChangeID');
			const m = byThirdPartyCardId(ctx, thirdPartyCardId);
			const change = {
				ThirdPartyCardID: thirdPartyCardId,
				BeforeCardCode: before,
				AfterCardCode: after,
				ChangeType: changeType,
				ChangeTime: changeTime,
				Remark: remark === undefined ? null : urlDecoded(remark, 'Remark'),
				GradeChangeRuleID: ruleId ?? null,
				GradeChangeType: gradeChangeType ?? null,
				GradeChangeID: gradeChangeId ?? null,
				At: chinaDateTime(ctx.now),
			};
			ctx.store.update(m, ({ Card }) => {
				const card = Card!;
				card.VipGrade = after;
				// A grade that maps onto a card type (1-4, as in Update/ByThirdPartyCardID) moves the card.
				const type = cardTypeOfGrade(after);
				if (type)
					Object.assign(card, {
						MallCardTypeID: type.MallCardTypeID,
						MallCardName: type.MallCardName,
					});
			});
			ctx.mall.grades.push(change);
			ctx.store.applied.add(
				WRITES.notifyGradeChange,
				gradeChangeId ?? `${thirdPartyCardId}|${changeTime}`,
			);
			return undefined;
		},
	},
];
