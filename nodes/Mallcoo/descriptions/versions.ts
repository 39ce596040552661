import type { IDisplayOptions } from 'n8n-workflow';

// The node's versions, for parameters whose saved shape differs between them. 1.0 keeps the
// shapes workflows saved before the ID pickers; 1.1 (the default for new nodes) has the pickers.

type Show = NonNullable<IDisplayOptions['show']>;

export const VERSION_1: Show = { '@version': [1] };

export const FROM_VERSION_1_1: Show = { '@version': [{ _cnd: { gte: 1.1 } }] };
