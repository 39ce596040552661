import { getCategories } from './getCategories.operation';
import { getMany } from './getMany.operation';

import type { MallcooOperation } from '../../helpers/types';

export const operations: MallcooOperation[] = [getMany, getCategories];
