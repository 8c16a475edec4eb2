import { servicesOf } from './services';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { loadMigrations } from '../../../db';
import type { CallContext, Core } from '../index';
import { findAppRoot } from '../lib/app-info';
import { expectOk, type Harness } from './harness';
import type { TwoTenants } from './tenants-fixture';
import { tinyFlow } from './valid-inputs';

/** The migrations this app ships: the schema version its exports carry. */
export const appSchemaVersion = loadMigrations(join(findAppRoot(), 'db', 'migrations')).length;

/** Downloads an export through tenants.exportChunk, chunk by chunk. */
export async function download(core: Core, call: CallContext, exportId: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const chunk = await expectOk(core, 'tenants.exportChunk', { exportId, offset }, call);
    const bytes = Buffer.from(chunk.data, 'base64');
    parts.push(bytes);
    offset += bytes.length;
    if (chunk.done) return Buffer.concat(parts);
  }
}

/** Uploads a file through tenants.importChunk in small chunks; answers the import id. */
export async function upload(
  core: Core,
  call: CallContext,
  file: Buffer,
  chunkBytes = 16 * 1024,
): Promise<string> {
  let importId: string | undefined;
  for (let offset = 0; offset < file.length || importId === undefined; offset += chunkBytes) {
    const data = file.subarray(offset, offset + chunkBytes).toString('base64');
    const answer = await expectOk(
      core,
      'tenants.importChunk',
      { ...(importId ? { importId } : {}), offset, data },
      call,
    );
    importId = answer.importId;
  }
  return importId;
}

/** The lines of an export file, parsed. */
export function linesOf(file: Buffer): Record<string, unknown>[] {
  return gunzipSync(file)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** An export file made of the given lines (objects are written as JSON). */
export function pack(lines: unknown[]): Buffer {
  return gzipSync(
    lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n',
  );
}

export type RowLine = { t: string; r: Record<string, unknown> };
export const rowsOf = (lines: Record<string, unknown>[], table: string) =>
  lines.filter((line): line is RowLine => line.t === table);

/** Rows per table of the whole database, to show that a refused import changed nothing. */
export function databaseCounts(core: Core): Record<string, number> {
  const { sqlite } = servicesOf(core);
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((name) => [
      name,
      (sqlite.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number) ?? 0,
    ]),
  );
}

export const providerKey = 'sk-alpha-NEVER-EXPORT-4f1c9a';
export const webhookSecret = 'whsec-alpha-NEVER-EXPORT-77aa';
export const smtpPassword = 'smtp-alpha-NEVER-EXPORT-09bd';

export interface SeededA {
  agentId: string;
  versionIds: string[];
  deployedRunId: string;
  draftRunId: string;
  providerId: string;
  docId: string;
  incidentId: string;
  actionId: string;
}

/**
 * Tenant A with a bit of everything: an agent with saved versions (one deployed) and runs, a
 * provider with an API key the agent falls back to, a knowledge document, an incident assigned to
 * Alice with a note, a Guardian proposal for it, a signed webhook rule, SMTP with a password, an
 * escalation list, a second member, and the audit entries of all that.
 */
export async function seedTenantA(h: Harness, t: TwoTenants): Promise<SeededA> {
  const { core } = h;
  const call = t.alice.call;
  const agent = await expectOk(core, 'agents.create', { name: 'Gear advisor' }, call);
  const v1 = await expectOk(
    core,
    'agents.saveVersion',
    { agentId: agent.id, flow: tinyFlow, note: 'first' },
    call,
  );
  const v2 = await expectOk(
    core,
    'agents.saveVersion',
    {
      agentId: agent.id,
      flow: { ...tinyFlow, variables: [{ name: 'shop', value: 'Alpha' }] },
      note: 'second',
    },
    call,
  );
  await expectOk(core, 'agents.deploy', { agentId: agent.id }, call);
  const deployedRun = await expectOk(
    core,
    'agents.run',
    { agentId: agent.id, input: { message: 'which chain fits?' }, wait: true },
    call,
  );
  const draftRun = await expectOk(
    core,
    'agents.run',
    { agentId: agent.id, input: { message: 'draft hello' }, draft: tinyFlow, wait: true },
    call,
  );
  const provider = await expectOk(
    core,
    'providers.save',
    { kind: 'openai', name: 'Alpha OpenAI', apiKey: providerKey, models: ['gpt-4o-mini'] },
    call,
  );
  await expectOk(
    core,
    'agents.updateSettings',
    { agentId: agent.id, fallbackModels: [{ providerId: provider.id, model: 'gpt-4o-mini' }] },
    call,
  );
  const doc = await expectOk(
    core,
    'knowledge.add',
    { title: 'Derailleur tuning', body: 'Turn the barrel adjuster a quarter turn at a time.' },
    call,
  );
  const incident = await expectOk(
    core,
    'incidents.create',
    { title: 'Chat answers slowly', severity: 'SEV3', assigneeId: t.alice.me.user.id },
    call,
  );
  await expectOk(
    core,
    'incidents.addNote',
    { incidentId: incident.id, text: 'Looking at the provider' },
    call,
  );
  const action = servicesOf(core).guardian.actions.create(
    t.tenantA,
    {
      strategy: 'pause_agent',
      mode: 'ask',
      target: { type: 'agent', id: agent.id, name: 'Gear advisor' },
      plan: {
        summary: 'Pause Gear advisor',
        steps: [],
        reason: 'slow answers',
        messages: {
          summary: { key: 'guardian.plan.pause.summary', params: { agent: 'Gear advisor' } },
          steps: [],
          reason: { key: 'legacy.text', params: { text: 'slow answers' } },
        },
      },
      evidence: [],
      dedupeKey: `pause_agent:agent:${agent.id}`,
      incidentId: incident.id,
    },
    h.clock.now(),
  );
  await expectOk(
    core,
    'notify.saveRule',
    {
      name: 'Alpha hook',
      events: ['incident.opened'],
      webhookUrl: 'https://hooks.example.com/alpha',
      webhookSecret,
    },
    call,
  );
  await expectOk(
    core,
    'notify.saveSmtp',
    {
      host: 'smtp.example.com',
      port: 587,
      from: 'alerts@alpha.test',
      user: 'alerts',
      password: smtpPassword,
    },
    call,
  );
  await expectOk(core, 'users.invite', { email: 'otto@alpha.test', role: 'operator', name: 'Otto' }, call);
  await expectOk(core, 'incidents.setEscalation', { userIds: [t.alice.me.user.id] }, call);
  return {
    agentId: agent.id,
    versionIds: [v1.version.id, v2.version.id],
    deployedRunId: deployedRun.id,
    draftRunId: draftRun.id,
    providerId: provider.id,
    docId: doc.id,
    incidentId: incident.id,
    actionId: action.id,
  };
}

/** A little of tenant B, with strings that must never show up in A's export. */
export async function seedTenantB(h: Harness, t: TwoTenants): Promise<string[]> {
  const { core } = h;
  const agent = await expectOk(core, 'agents.create', { name: 'Croissant concierge' }, t.bob.call);
  const doc = await expectOk(
    core,
    'knowledge.add',
    { title: 'Sourdough starter', body: 'Feed it rye flour twice a day.' },
    t.bob.call,
  );
  return [
    t.tenantB,
    agent.id,
    doc.id,
    'Croissant concierge',
    'Sourdough',
    'Beta Bakery',
    'bob@beta.test',
    'bea@beta.test',
  ];
}
