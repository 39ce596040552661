import { getCategories } from './getCategories.operation';

import type { MallcooOperation } from '../../helpers/types';

export const operations: MallcooOperation[] = [getCategories];
