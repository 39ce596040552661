import { getAuthUrl } from './getAuthUrl.operation';
import { exchangeTicket } from './exchangeTicket.operation';

import type { MallcooOperation } from '../../helpers/types';

export const operations: MallcooOperation[] = [getAuthUrl, exchangeTicket];
