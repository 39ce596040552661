import type { Endpoint } from './endpoint';
import { requiredString } from '../params';
import type { PointsTransaction } from '../mall';
import { memberNotFound } from './lookups';

/**
 * A member's points balance and history, `User/Score/v2/Get/Records/`. Not on the public Score
 * page: the path and the body `{OpenUserID}` are those of client code, the answer
 * (`CurScore`, `ScoreDetailModel` of `ScoreRecordID`, `ScoreType`, `Score`, `ScoreTime`, `Desc`)
 * is the access guide's own example ("获取会员积分接口"). No paging is known: one answer holds
 * the whole history, newest first.
 */

export interface ScoreRecord {
	ScoreRecordID: string;
	ScoreType: string;
	/** Signed: negative for a deduction. */
	Score: number;
	/** `yyyy/MM/dd HH:mm:ss`, as in the guide's example. */
	ScoreTime: string;
	Desc: string;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

const KINDS = [
	['消费积分', 120],
	['签到积分', 5],
	['积分抵线下消费', -10],
	['活动奖励', 50],
	['积分兑换礼品', -200],
] as const;

/** 22 older records, then the guide's example record (813316, -10, 2019/07/11) as the newest seeded one. */
function seedHistory(): ScoreRecord[] {
	const records: ScoreRecord[] = [
		{
			ScoreRecordID: '813316',
			ScoreType: '积分抵线下消费',
			Score: -10,
			ScoreTime: '2019/07/11 17:00:53',
			Desc: '积分抵线下消费',
		},
	];
	for (let n = 22; n >= 1; n--) {
		const [type, score] = KINDS[n % KINDS.length];
		records.push({
			ScoreRecordID: String(813_000 + n),
			ScoreType: type,
			Score: score,
			ScoreTime: `2019/06/${pad(n, 2)} ${pad(9 + (n % 10), 2)}:15:00`,
			Desc: type,
		});
	}
	return records;
}

/** Seeded histories by OpenUserID: 13800000001 has 23 records, 13800000002 has 3, the others none. */
export const SEED_SCORE_HISTORY: Readonly<Record<string, readonly ScoreRecord[]>> = {
	'3f9a2c7e51b04d68': seedHistory(),
	b7e04c19d2a85f36: [
		{
			ScoreRecordID: '700003',
			ScoreType: '消费积分',
			Score: 60.5,
			ScoreTime: '2024/03/02 15:20:00',
			Desc: '消费积分',
		},
		{
			ScoreRecordID: '700002',
			ScoreType: '签到积分',
			Score: 5,
			ScoreTime: '2024/03/01 09:00:00',
			Desc: '签到积分',
		},
		{
			ScoreRecordID: '700001',
			ScoreType: '积分兑换礼品',
			Score: -100,
			ScoreTime: '2024/02/14 12:00:00',
			Desc: '积分兑换礼品',
		},
	],
};

/** A points change made through Plus/Subtract, as a history record (numbered 900001 on). */
function recordOf(change: PointsTransaction, position: number): ScoreRecord {
	const type = change.kind === 'plus' ? '积分增加' : '积分扣除';
	return {
		ScoreRecordID: String(900_001 + position),
		ScoreType: type,
		Score: change.kind === 'plus' ? change.Score : -change.Score,
		ScoreTime: change.At.replace(/-/g, '/'),
		Desc: change.Reason ?? type,
	};
}

export const POINTS_RECORD_ENDPOINTS: readonly Endpoint[] = [
	{
		path: '/User/Score/v2/Get/Records/',
		title: '获取会员积分',
		handle(body, ctx) {
			// Client code and the guide's example spell it OpenUserID here.
			const openUserId = requiredString(body, 'OpenUserID');
			const m = ctx.store.find('OpenUserID', openUserId);
			if (!m?.Card) throw memberNotFound();
			const changes = [...ctx.mall.points.values()]
				.map((change, position) => ({ change, record: recordOf(change, position) }))
				.filter(({ change }) => change.OpenUserId === openUserId)
				.map(({ record }) => record)
				.reverse();
			return {
				CurScore: m.Card.Score,
				ScoreDetailModel: [...changes, ...structuredClone(SEED_SCORE_HISTORY[openUserId] ?? [])],
			};
		},
	},
];
