import type { PlannedTable, TransferPlan } from './table-plan';

/** Stands for the exported tenant itself as the target of a reference. */
export const tenantTarget = '@tenant';

/** A column holding the id of a row of another table (or of the tenant). */
export interface ColumnReference {
  table: string;
  column: string;
  target: string;
}

/**
 * References the schema does not declare as foreign keys (so SQLite cannot check them) but that
 * name rows all the same. Found by reading db/schema/*.ts; each gets a new id on import like a
 * foreign key does.
 */
export const declaredReferences: readonly ColumnReference[] = [
  { table: 'agent_versions', column: 'author_id', target: 'users' },
  { table: 'incidents', column: 'assignee_id', target: 'users' },
  { table: 'guardian_actions', column: 'incident_id', target: 'incidents' },
  { table: 'incident_events', column: 'guardian_action_id', target: 'guardian_actions' },
  { table: 'audit_log', column: 'actor_id', target: 'users' },
  // tickets (issue 14): the run and agent of a hand-off, who works it, who wrote on its timeline
  { table: 'tickets', column: 'run_id', target: 'agent_runs' },
  { table: 'tickets', column: 'agent_id', target: 'agents' },
  { table: 'tickets', column: 'assignee_id', target: 'users' },
  { table: 'tickets', column: 'created_by', target: 'users' },
  { table: 'ticket_events', column: 'actor_id', target: 'users' },
  { table: 'conversations', column: 'person_id', target: 'users' },
];

/** An id column whose table depends on a type column beside it. */
export interface PolymorphicReference {
  table: string;
  typeColumn: string;
  idColumn: string;
  /** Type → table (or the tenant); null: the target is never exported, so the id is dropped. */
  targets: Readonly<Record<string, string | null>>;
  /** Types not listed: kept as text (a label, not a row) or dropped. */
  otherTypes: 'keep' | 'drop';
}

export const polymorphicReferences: readonly PolymorphicReference[] = [
  {
    table: 'audit_log',
    typeColumn: 'target_type',
    idColumn: 'target_id',
    targets: {
      agent: 'agents',
      run: 'agent_runs',
      provider: 'providers',
      knowledge: 'knowledge_docs',
      incident: 'incidents',
      ticket: 'tickets',
      guardian_action: 'guardian_actions',
      user: 'users',
      tenant: tenantTarget,
      session: null,
    },
    otherTypes: 'keep',
  },
  {
    table: 'guardian_actions',
    typeColumn: 'target_type',
    idColumn: 'target_id',
    targets: { agent: 'agents', run: 'agent_runs', provider: 'providers', installation: null },
    otherTypes: 'drop',
  },
];

/** A reference made of several columns (an agent and a version number). */
export interface CompositeReference {
  table: string;
  columns: readonly string[];
  target: string;
  targetColumns: readonly string[];
}

export const compositeReferences: readonly CompositeReference[] = [
  {
    table: 'agent_runs',
    columns: ['agent_id', 'version_number'],
    target: 'agent_versions',
    targetColumns: ['agent_id', 'number'],
  },
  {
    table: 'agents',
    columns: ['id', 'deployed_version'],
    target: 'agent_versions',
    targetColumns: ['agent_id', 'number'],
  },
];

/** Every single-column reference of a table: its foreign keys (to exported rows) and the declared ones. */
export function columnReferencesOf(plan: TransferPlan, table: PlannedTable): ColumnReference[] {
  const refs: ColumnReference[] = [];
  for (const fk of table.foreignKeys) {
    const target = plan.byName.get(fk.table);
    // tenant_id is set to the new tenant; a key to a non-id column is not an id to rewrite
    if (!target || fk.column === 'tenant_id' || target.idColumn !== fk.targetColumn) continue;
    refs.push({ table: table.name, column: fk.column, target: fk.table });
  }
  for (const ref of declaredReferences) {
    if (ref.table !== table.name || !table.columns.has(ref.column) || !plan.byName.has(ref.target)) continue;
    if (!refs.some((r) => r.column === ref.column)) refs.push(ref);
  }
  return refs;
}

export function polymorphicReferenceOf(table: PlannedTable): PolymorphicReference | undefined {
  return polymorphicReferences.find(
    (p) => p.table === table.name && table.columns.has(p.typeColumn) && table.columns.has(p.idColumn),
  );
}

export function compositeReferencesOf(plan: TransferPlan, table: PlannedTable): CompositeReference[] {
  return compositeReferences.filter(
    (c) =>
      c.table === table.name &&
      c.columns.every((col) => table.columns.has(col)) &&
      c.targetColumns.every((col) => plan.byName.get(c.target)?.columns.has(col)),
  );
}

/** "Refers to" edges beside foreign keys, so that the file lists referenced tables first. */
export function referenceEdges(): [string, string][] {
  return [
    ...declaredReferences.map((r): [string, string] => [r.table, r.target]),
    ...polymorphicReferences.flatMap((p) =>
      Object.values(p.targets)
        .filter((t): t is string => t !== null && t !== tenantTarget)
        .map((t): [string, string] => [p.table, t]),
    ),
  ];
}

export type PolymorphicTarget =
  { kind: 'table'; table: string } | { kind: 'tenant' } | { kind: 'drop' } | { kind: 'keep' };

/** Where a polymorphic reference of the given type points. */
export function polymorphicTarget(ref: PolymorphicReference, type: unknown): PolymorphicTarget {
  if (typeof type === 'string' && Object.hasOwn(ref.targets, type)) {
    const target = ref.targets[type];
    if (target === null || target === undefined) return { kind: 'drop' };
    return target === tenantTarget ? { kind: 'tenant' } : { kind: 'table', table: target };
  }
  return { kind: ref.otherTypes };
}
