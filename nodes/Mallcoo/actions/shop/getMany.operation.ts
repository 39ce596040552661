import type { IDataObject } from 'n8n-workflow';

import { filtersField, listOf, readLimit, returnAllProperties } from '../../descriptions/list';
import type { ApiOperation } from '../../helpers/types';

const idFilter = (name: string, displayName: string, description: string) => ({
	displayName,
	name,
	type: 'number' as const,
	default: 0,
	description,
});

/**
 * 获取商家列表: https://docs.mallcoo.cn/open/api/Shop.html. An empty PageSize returns every shop
 * of the mall (分页大小,不填默认获取商场所有商家), so Return All is one request; a Limit is one
 * page of that size.
 */
export const getMany: ApiOperation = {
	resource: 'shop',
	operation: 'getMany',
	name: 'Get Many',
	action: 'Get many shops',
	description: "Get the mall's shops, optionally by business type, floor or block",
	kind: 'read',
	repeat: 'resend',
	properties: [
		...returnAllProperties,
		filtersField([
			idFilter('blockId', 'Block ID', 'Mallcoo: BlockID (街区ID)'),
			idFilter('commercialTypeId', 'Commercial Type ID', 'Mallcoo: CommercialTypeID (一级业态ID)'),
			idFilter('floorId', 'Floor ID', 'Mallcoo: FloorID (楼层ID)'),
		]),
	],
	pager: {
		pageSize: (limit) => limit,
		pageBody: (body, { index, size }) => ({ ...body, PageIndex: index, PageSize: size ?? null }),
		readPage: (data) => ({ entries: listOf(data) }),
		entryKey: (entry) => entry.McShopID,
	},
	buildRequest(parameters) {
		const body: IDataObject = {};
		const commercialTypeId = parameters.optionalInteger('filters.commercialTypeId');
		const floorId = parameters.optionalInteger('filters.floorId');
		const blockId = parameters.optionalInteger('filters.blockId');
		if (commercialTypeId !== undefined) body.CommercialTypeID = commercialTypeId;
		if (floorId !== undefined) body.FloorID = floorId;
		if (blockId !== undefined) body.BlockID = blockId;
		return { path: '/Shop/V1/GetList/', body, limit: readLimit(parameters) };
	},
};
