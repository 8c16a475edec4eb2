import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { schema } from '../../../../db';

let cache: Map<string, Map<string, readonly string[]>> | null = null;

/** Table → column → allowed values, for the text columns the drizzle schema gives a fixed set of. */
export function enumColumns(): Map<string, Map<string, readonly string[]>> {
  if (cache) return cache;
  const tables = new Map<string, Map<string, readonly string[]>>();
  for (const value of Object.values(schema)) {
    if (!is(value, SQLiteTable)) continue;
    const config = getTableConfig(value);
    const columns = new Map<string, readonly string[]>();
    for (const column of config.columns) {
      const values = column.enumValues as readonly string[] | undefined;
      if (values && values.length > 0) columns.set(column.name, values);
    }
    tables.set(config.name, columns);
  }
  cache = tables;
  return tables;
}
