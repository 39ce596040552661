import { get } from './get.operation';

import type { MallcooOperation } from '../../helpers/types';

export const operations: MallcooOperation[] = [get];
