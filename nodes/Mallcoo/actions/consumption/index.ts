import { report } from './report.operation';
import { getRecords } from './getRecords.operation';

import type { MallcooOperation } from '../../helpers/types';

export const operations: MallcooOperation[] = [report, getRecords];
