import { create } from './create.operation';
import { sync } from './sync.operation';

import type { MallcooOperation } from '../../helpers/types';

export const operations: MallcooOperation[] = [create, sync];
