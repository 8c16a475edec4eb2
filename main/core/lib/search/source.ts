/**
 * What a domain offers global search (issue 15): its findable records as plain text, read by the
 * domain's own SQL (the search domain never names another domain's tables).
 */
export interface SearchRecord {
  id: string;
  title: string;
  /** More words to find it by (a customer's messages, an e-mail address ...). */
  body: string;
  /** A second line for the result: names, numbers, addresses (data, not prose). */
  subtitle: string;
  /** A status of the record's own vocabulary, when it has one. */
  status?: string | null;
  updatedAt: number;
}

/** One kind of record of one domain, read in pages (the index is built in the background). */
export interface SearchSource {
  /** Records with an id after `after` (ids ascending), at most `limit`. */
  page(tenantId: string, after: string, limit: number): SearchRecord[];
  /** One record, or null when it is gone. */
  one(tenantId: string, id: string): SearchRecord | null;
}
