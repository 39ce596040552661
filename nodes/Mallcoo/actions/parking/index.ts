import { notifyEntry } from './notifyEntry.operation';
import { findCar } from './findCar.operation';

import type { MallcooOperation } from '../../helpers/types';

export const operations: MallcooOperation[] = [notifyEntry, findCar];
