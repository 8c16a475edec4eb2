import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { uuidv7 } from '../../../../db';
import { emailSchema, type MessageParams } from '../../../contract';
import { AppError } from '../../lib/errors';
import {
  endLineSchema,
  headerSchema,
  rowLineSchema,
  transferFormat,
  transferFormatVersion,
  transferLimits,
  type CellValue,
  type RowLine,
  type TransferHeader,
} from './format';
import { LineWriter } from './line-files';
import {
  columnReferencesOf,
  compositeReferencesOf,
  polymorphicReferenceOf,
  polymorphicTarget,
  type ColumnReference,
  type CompositeReference,
  type PolymorphicReference,
} from './references';
import { jsonProblem } from './row-rules';
import { enumColumns } from './schema-enums';
import type { PlannedTable, TransferPlan } from './table-plan';

export interface FileUser {
  oldId: string;
  email: string;
  name: string;
  createdAt: number;
}

export interface CheckedImport {
  header: TransferHeader;
  counts: Record<string, number>;
  /** Every id in the file → its table and the new id it gets (users may be matched later). */
  ids: Map<string, { table: string; newId: string }>;
  users: FileUser[];
  /** Row lines (users excepted) in the unpacked file, for progress. */
  rowLines: number;
}

export interface CheckOptions {
  file: string;
  /** Where the checked lines (users excepted) are written, uncompressed, for the import pass. */
  unpackedPath: string;
  plan: TransferPlan;
  /** Number of migrations this app has. */
  appSchemaVersion: number;
  now: number;
  onProgress: (fraction: number) => void;
}

/** Why an import is refused, for the UI to say (errors.reasons.<reason>); the message is its English. */
export type ImportRefusal =
  | 'import_not_export'
  | 'import_newer_version'
  | 'import_too_large_unpacked'
  | 'import_empty'
  | 'import_incomplete'
  | 'import_counts_mismatch'
  | 'import_bad_header'
  | 'import_bad_line'
  | 'import_damaged'
  | 'import_outsider';

export const refuse = (reason: ImportRefusal, message: string, params?: MessageParams): AppError =>
  new AppError('VALIDATION', message, { reason, ...(params ? { params } : {}) });

/** A line of the file, for refusals: its number (for the UI) and how logs name it. */
interface Where {
  line: number;
  text: string;
}

/** A refusal of one line of the file. */
const refuseAt = (where: Pick<Where, 'line'>, message: string): AppError =>
  refuse('import_bad_line', message, { line: where.line });

const newerVersion = (what: string) =>
  refuse(
    'import_newer_version',
    `This file was made by a newer version of Mindframe (${what}). Update Mindframe, then import it again.`,
  );

const maxTimestamp = 2 ** 48 - 1;

/** The new id of a row: time-ordered by when the row was made, so lists keep their order. */
function newIdFor(row: Record<string, CellValue>, now: number): string {
  for (const column of ['created_at', 'at', 'started_at']) {
    const value = row[column];
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= maxTimestamp)
      return uuidv7(value);
  }
  return uuidv7(now);
}

interface TableRules {
  table: PlannedTable;
  refs: (ColumnReference & { foreignKey: boolean })[];
  polymorphic: PolymorphicReference | undefined;
  composites: CompositeReference[];
  /** Composite references into this table: the column lists whose values are collected. */
  compositeKeys: string[][];
  enums: Map<string, readonly string[]>;
  required: string[];
}

/** Reads an upload once, checking everything about it before anything is changed. */
class FileChecker {
  private line = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private unpacked = 0;
  private header: TransferHeader | null = null;
  private ended: Record<string, number> | null = null;
  private current: string | null = null;
  private readonly finished = new Set<string>();
  private readonly counts: Record<string, number> = {};
  private readonly ids = new Map<string, { table: string; newId: string }>();
  private readonly users: FileUser[] = [];
  private readonly emails = new Set<string>();
  /** Users given a membership: a file may only bring the tenant's members. */
  private readonly members = new Set<string>();
  private readonly uniques = new Map<string, Set<string>>();
  private readonly compositeValues = new Map<string, Set<string>>();
  private readonly deferred: { where: Where; problem: () => string | null }[] = [];
  private readonly rules = new Map<string, TableRules>();
  private lastAuditSeq = 0;
  private rowLines = 0;

  constructor(
    private readonly options: CheckOptions,
    private readonly writer: LineWriter,
  ) {
    const enums = enumColumns();
    for (const table of options.plan.tables) {
      this.rules.set(table.name, {
        table,
        refs: columnReferencesOf(options.plan, table).map((ref) => ({
          ...ref,
          foreignKey: table.foreignKeys.some((fk) => fk.column === ref.column),
        })),
        polymorphic: polymorphicReferenceOf(table),
        composites: compositeReferencesOf(options.plan, table),
        compositeKeys: options.plan.tables
          .flatMap((t) => compositeReferencesOf(options.plan, t))
          .filter((c) => c.target === table.name)
          .map((c) => [...c.targetColumns]),
        enums: enums.get(table.name) ?? new Map(),
        required: table.fileColumns.filter((c) => {
          const info = table.columns.get(c)!;
          return info.notNull && !info.hasDefault;
        }),
      });
    }
  }

  push(chunk: Buffer): void {
    this.unpacked += chunk.length;
    if (this.unpacked > transferLimits.maxUnpackedBytes)
      throw refuse(
        'import_too_large_unpacked',
        'The file unpacks to more data than an organisation export can hold; it was not imported.',
      );
    let start = 0;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, start)) {
      this.collect(chunk.subarray(start, i));
      this.handle(Buffer.concat(this.pending).toString('utf8'));
      this.pending = [];
      this.pendingBytes = 0;
      start = i + 1;
    }
    if (start < chunk.length) this.collect(chunk.subarray(start));
  }

  private collect(part: Buffer): void {
    this.pendingBytes += part.length;
    if (this.pendingBytes > transferLimits.maxLineBytes)
      throw refuseAt(
        { line: this.line + 1 },
        `Line ${this.line + 1} of the file is longer than any export writes.`,
      );
    this.pending.push(Buffer.from(part));
  }

  private handle(text: string): void {
    this.line += 1;
    const n = this.line;
    if (this.ended) throw refuseAt({ line: n }, `Line ${n}: the file goes on after its end line.`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw n === 1
        ? refuse(
            'import_not_export',
            'This is not a Mindframe tenant export: it does not start with a header.',
          )
        : refuseAt({ line: n }, `Line ${n} of the file is not valid JSON.`);
    }
    if (n === 1) {
      this.header = this.checkHeader(value);
      return;
    }
    if (value && typeof value === 'object' && 'end' in value) {
      const end = endLineSchema.safeParse(value);
      if (!end.success) throw refuseAt({ line: n }, `Line ${n}: the end line is not valid.`);
      this.ended = end.data.counts;
      return;
    }
    const row = rowLineSchema.safeParse(value);
    if (!row.success) throw refuseAt({ line: n }, `Line ${n} is not a row of the export format.`);
    // the keys as written (a parsed copy might quietly drop one such as "__proto__")
    this.checkRow(row.data, Object.keys((value as { r: object }).r), n, text);
  }

  private checkHeader(value: unknown): TransferHeader {
    const raw = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
    if (raw.format !== transferFormat)
      throw refuse(
        'import_not_export',
        'This is not a Mindframe tenant export: its first line is not an export header.',
      );
    if (typeof raw.version === 'number' && raw.version > transferFormatVersion)
      throw newerVersion(`export format ${raw.version}; this version reads up to ${transferFormatVersion}`);
    if (typeof raw.schemaVersion === 'number' && raw.schemaVersion > this.options.appSchemaVersion)
      throw newerVersion(
        `database schema ${raw.schemaVersion}; this version has ${this.options.appSchemaVersion}`,
      );
    const header = headerSchema.safeParse(value);
    if (!header.success) {
      const issue = header.error.issues[0];
      throw refuse(
        'import_bad_header',
        `The file's header is not valid${issue ? ` (${issue.path.join('.') || 'header'})` : ''}.`,
      );
    }
    return header.data;
  }

  private checkRow(line: RowLine, keys: string[], n: number, text: string): void {
    const rules = this.rules.get(line.t);
    if (!rules)
      throw refuseAt(
        { line: n },
        `Line ${n}: the table ${JSON.stringify(line.t)} is not known to this version of Mindframe.`,
      );
    const { table } = rules;
    const where: Where = { line: n, text: `Line ${n} (${table.name})` };
    if (line.t !== this.current) {
      if (this.finished.has(line.t))
        throw refuseAt(where, `${where.text}: the rows of ${table.name} are not together.`);
      if (this.current) this.finished.add(this.current);
      this.current = line.t;
    }
    const row = line.r;
    for (const column of keys)
      if (!table.fileColumns.includes(column))
        throw refuseAt(
          where,
          `${where.text}: the column ${JSON.stringify(column)} is not known to this version of Mindframe.`,
        );
    for (const column of rules.required)
      if (row[column] === undefined) throw refuseAt(where, `${where.text}: the column ${column} is missing.`);
    for (const [column, value] of Object.entries(row)) {
      const problem = this.cellProblem(rules, column, value);
      if (problem) throw refuseAt(where, `${where.text}: ${column} ${problem}.`);
    }
    if (table.idColumn) this.registerId(table, row, where);
    if (table.name === 'users') this.registerUser(row, where);
    if (table.name === 'memberships' && typeof row.user_id === 'string') this.members.add(row.user_id);
    if (table.name === 'audit_log') {
      const seq = row.seq as number;
      if (seq <= this.lastAuditSeq)
        throw refuseAt(where, `${where.text}: the audit entries are not in their order.`);
      this.lastAuditSeq = seq;
    }
    this.checkUnique(table, row, where);
    this.checkReferences(rules, row, where);
    for (const columns of rules.compositeKeys) {
      const key = `${table.name}:${columns.join(',')}`;
      if (!this.compositeValues.has(key)) this.compositeValues.set(key, new Set());
      this.compositeValues.get(key)!.add(JSON.stringify(columns.map((c) => row[c] ?? null)));
    }
    this.counts[table.name] = (this.counts[table.name] ?? 0) + 1;
    if (table.name !== 'users') {
      this.writer.write(text);
      this.rowLines += 1;
    }
  }

  private cellProblem(rules: TableRules, column: string, value: CellValue): string | null {
    const info = rules.table.columns.get(column)!;
    if (value === null) return info.notNull ? 'must not be empty' : null;
    switch (info.type) {
      case 'integer':
        if (typeof value !== 'number' || !Number.isSafeInteger(value)) return 'must be a whole number';
        break;
      case 'real':
        if (typeof value !== 'number') return 'must be a number';
        break;
      case 'text':
        if (typeof value !== 'string') return 'must be text';
        break;
    }
    const allowed = rules.enums.get(column);
    if (allowed && !allowed.includes(value as string)) return 'has a value this version does not know';
    return jsonProblem(rules.table.name, column, value);
  }

  private registerId(table: PlannedTable, row: Record<string, CellValue>, where: Where): void {
    const id = row[table.idColumn!];
    if (typeof id !== 'string' || id.length === 0 || id.length > 64)
      throw refuseAt(where, `${where.text}: ${table.idColumn} is not a valid id.`);
    if (this.ids.has(id))
      throw refuseAt(where, `${where.text}: the id of this row appears twice in the file.`);
    this.ids.set(id, { table: table.name, newId: newIdFor(row, this.options.now) });
  }

  private registerUser(row: Record<string, CellValue>, where: Where): void {
    const email = emailSchema.safeParse(row.email);
    if (!email.success) throw refuseAt(where, `${where.text}: email is not a valid e-mail address.`);
    if (this.emails.has(email.data))
      throw refuseAt(where, `${where.text}: the e-mail address appears twice.`);
    this.emails.add(email.data);
    const name = String(row.name).trim();
    if (name.length === 0 || name.length > 200)
      throw refuseAt(where, `${where.text}: name is not a valid name.`);
    this.users.push({
      oldId: row.id as string,
      email: email.data,
      name,
      createdAt: row.created_at as number,
    });
  }

  private checkUnique(table: PlannedTable, row: Record<string, CellValue>, where: Where): void {
    for (const columns of table.uniqueKeys) {
      const values = columns.map((c) => row[c]);
      if (values.some((v) => v === null || v === undefined)) continue;
      const key = `${table.name}:${columns.join(',')}`;
      if (!this.uniques.has(key)) this.uniques.set(key, new Set());
      const seen = this.uniques.get(key)!;
      const value = JSON.stringify(values);
      if (seen.has(value))
        throw refuseAt(where, `${where.text}: ${columns.join(', ')} repeats an earlier row.`);
      seen.add(value);
    }
  }

  /** Whether an id names a row of the target table in this file. */
  private resolves(target: string, value: CellValue): boolean {
    return typeof value === 'string' && this.ids.get(value)?.table === target;
  }

  private checkReferences(rules: TableRules, row: Record<string, CellValue>, where: Where): void {
    const check = (column: string, target: string, value: CellValue, foreignKey: boolean) => {
      const problem = () =>
        this.resolves(target, value)
          ? null
          : `${column} points to a row of ${target} that is not in the file`;
      // foreign keys are checked by SQLite as rows go in, so their target must come first
      if (foreignKey || this.finished.has(target)) {
        const found = problem();
        if (found) throw refuseAt(where, `${where.text}: ${found}.`);
      } else this.deferred.push({ where, problem });
    };
    for (const ref of rules.refs) {
      const value = row[ref.column];
      if (value !== null && value !== undefined) check(ref.column, ref.target, value, ref.foreignKey);
    }
    const poly = rules.polymorphic;
    if (poly) {
      const value = row[poly.idColumn];
      const target = polymorphicTarget(poly, row[poly.typeColumn]);
      if (value !== null && value !== undefined) {
        if (target.kind === 'table') check(poly.idColumn, target.table, value, false);
        if (target.kind === 'tenant' && value !== this.header!.tenant.id)
          throw refuseAt(
            where,
            `${where.text}: ${poly.idColumn} points to an organisation other than the exported one.`,
          );
      }
    }
    for (const composite of rules.composites) {
      const values = composite.columns.map((c) => row[c] ?? null);
      if (values.some((v) => v === null)) continue;
      const key = `${composite.target}:${composite.targetColumns.join(',')}`;
      const problem = () =>
        this.compositeValues.get(key)?.has(JSON.stringify(values))
          ? null
          : `${composite.columns.join(', ')} point to a row of ${composite.target} that is not in the file`;
      if (this.finished.has(composite.target)) {
        const found = problem();
        if (found) throw refuseAt(where, `${where.text}: ${found}.`);
      } else this.deferred.push({ where, problem });
    }
  }

  finish(): CheckedImport {
    if (this.pendingBytes > 0 || this.pending.length > 0) {
      this.handle(Buffer.concat(this.pending).toString('utf8'));
      this.pending = [];
    }
    if (!this.header) throw refuse('import_empty', 'The file is empty.');
    if (!this.ended)
      throw refuse(
        'import_incomplete',
        'The file is incomplete: it ends before its end line (it may have been cut off while it was copied).',
      );
    if (this.current) this.finished.add(this.current);
    const tables = new Set([...Object.keys(this.ended), ...Object.keys(this.counts)]);
    for (const table of tables) {
      const expected = this.ended[table] ?? 0;
      const found = this.counts[table] ?? 0;
      if (expected !== found)
        throw refuse(
          'import_counts_mismatch',
          `The file is incomplete or damaged: its end line counts ${expected} rows of ${table.slice(0, 64)}, but it holds ${found}.`,
          { table: table.slice(0, 64), expected, found },
        );
    }
    const outsider = this.users.find((user) => !this.members.has(user.oldId));
    if (outsider)
      throw refuse('import_outsider', 'The file brings a user who is not a member of the organisation.');
    for (const { where, problem } of this.deferred) {
      const found = problem();
      if (found) throw refuseAt(where, `${where.text}: ${found}.`);
    }
    return {
      header: this.header,
      // the end line's counts, which match, and also name the tables that were empty
      counts: { ...this.ended },
      ids: this.ids,
      users: this.users,
      rowLines: this.rowLines,
    };
  }
}

function startsLikeGzip(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const magic = Buffer.alloc(2);
    return readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

function isZlibError(error: unknown): error is Error & { code: string } {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('Z_');
}

/** A refusal of what a line says (not of the file's size): a damaged file may cause it too. */
function isLineRefusal(error: unknown): boolean {
  return (
    error instanceof AppError &&
    (error.extra.reason === 'import_bad_line' || error.extra.reason === 'import_not_export')
  );
}

/**
 * Unpacks and checks an uploaded export: gzip intact, header present and not from a newer
 * Mindframe, every row of a known table with known columns and sound values, every reference
 * resolvable within the file, and the end line present with matching counts.
 */
export async function checkImportFile(options: CheckOptions): Promise<CheckedImport> {
  const size = statSync(options.file).size;
  if (size === 0) throw refuse('import_empty', 'The file is empty.');
  if (!startsLikeGzip(options.file))
    throw refuse(
      'import_not_export',
      'This is not a Mindframe tenant export: the file is not gzip-compressed.',
    );
  const writer = new LineWriter(options.unpackedPath);
  const checker = new FileChecker(options, writer);
  let read = 0;
  const progress = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      read += chunk.length;
      options.onProgress(read / size);
      callback(null, chunk);
    },
  });
  // the pipeline answers a consumer's error with an AbortError, so the refusal is kept aside
  let refusal: unknown = null;
  try {
    await pipeline(
      createReadStream(options.file),
      progress,
      createGunzip(),
      async (source: AsyncIterable<Buffer>) => {
        let drained = 0;
        for await (const chunk of source) {
          if (refusal !== null) {
            // read on within the size limit: the gzip check at the end tells a damaged file
            drained += chunk.length;
            if (drained > transferLimits.maxUnpackedBytes) throw refusal;
            continue;
          }
          try {
            checker.push(chunk);
          } catch (error) {
            refusal = error;
            // a damaged file often decodes to a broken line before gzip notices; say it is damaged
            if (!isLineRefusal(error)) throw error;
          }
        }
      },
    );
    if (refusal !== null) throw refusal;
    return checker.finish();
  } catch (caught) {
    const error = isZlibError(caught) ? caught : (refusal ?? caught);
    if (isZlibError(error))
      throw refuse(
        'import_damaged',
        `The file is damaged: its compressed data does not check out (${error.message}). Export it again and copy the whole file.`,
      );
    throw error;
  } finally {
    writer.close();
  }
}
