import { add } from './add.operation';
import { deduct } from './deduct.operation';
import { getRecords } from './getRecords.operation';

import type { MallcooOperation } from '../../helpers/types';

export const operations: MallcooOperation[] = [add, deduct, getRecords];
