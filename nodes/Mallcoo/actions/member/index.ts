import { get } from './get.operation';
import { getProfile } from './getProfile.operation';
import { update } from './update.operation';
import { syncFromCrm } from './syncFromCrm.operation';
import { updateStatus } from './updateStatus.operation';
import { changeMobile } from './changeMobile.operation';
import { checkConversion } from './checkConversion.operation';
import { notifyChange } from './notifyChange.operation';
import { notifyGradeChange } from './notifyGradeChange.operation';

import type { MallcooOperation } from '../../helpers/types';

export const operations: MallcooOperation[] = [
	get,
	getProfile,
	update,
	syncFromCrm,
	updateStatus,
	changeMobile,
	checkConversion,
	notifyChange,
	notifyGradeChange,
];
