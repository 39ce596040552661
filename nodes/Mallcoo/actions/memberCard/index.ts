import { open } from './open.operation';
import { openWithProfile } from './openWithProfile.operation';

import type { MallcooOperation } from '../../helpers/types';

export const operations: MallcooOperation[] = [open, openWithProfile];
