import type { IDataObject } from 'n8n-workflow';

/**
 * A write whose endpoint takes many entries in one request (a coupon send's `UserList`): each
 * input item builds one entry, the node sends them in batches and pairs each entry of the answer
 * with its item again (transport/batches.ts).
 */
export interface Batching {
	/** The body key that holds the entries, e.g. `UserList`. */
	listKey: string;
	/** Entries per request unless the run's Batch Size option says otherwise; and its upper bound. */
	defaultSize: number;
	maxSize: number;
	/**
	 * The entry's own key, echoed in the answer so each result finds its item (`TraceID`). It must
	 * be unique within a run: an item sharing it with another is refused before anything is sent.
	 */
	entryKey: string;
	/** The parameter the key comes from, for errors ("Trace ID"). */
	keyParameter: string;
	/** One answer entry: applied, or Mallcoo's reason for not applying it. */
	readEntry(entry: IDataObject): { applied: true } | { applied: false; reason: string };
	/** The thing an entry gives, in words, for messages: "the coupon". */
	noun: string;
}
