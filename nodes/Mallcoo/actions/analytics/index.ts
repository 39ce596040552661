import { importCrmConsumptionPoints } from './importCrmConsumptionPoints.operation';
import { importShopSale } from './importShopSale.operation';

import type { MallcooOperation } from '../../helpers/types';

export const operations: MallcooOperation[] = [importShopSale, importCrmConsumptionPoints];
