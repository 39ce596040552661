import { add } from './add.operation';
import { remove } from './remove.operation';

import type { MallcooOperation } from '../../helpers/types';

export const operations: MallcooOperation[] = [add, remove];
