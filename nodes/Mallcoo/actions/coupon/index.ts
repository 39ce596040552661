import { getMany } from './getMany.operation';
import { getUsable } from './getUsable.operation';
import { send } from './send.operation';

import type { MallcooOperation } from '../../helpers/types';

export const operations: MallcooOperation[] = [getMany, getUsable, send];
