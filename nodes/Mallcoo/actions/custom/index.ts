import { call } from './call.operation';

import type { MallcooOperation } from '../../helpers/types';

export const operations: MallcooOperation[] = [call];
