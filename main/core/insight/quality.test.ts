import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../testing/harness';
import { servicesOf } from '../testing/services';

let h: Harness;
let owner: SignedIn;
let tenantId: string;
const day = 86_400_000;
// the harness's clock: 22 November 2026, 09:00 UTC
const today = Date.UTC(2026, 10, 22);

beforeEach(async () => {
  h = createHarness();
  owner = await setupOwner(h.core, 'Sykkelverksted Nord', 'owner@shop.test');
  tenantId = owner.me.tenant.id;
});
afterEach(() => h.close());

const services = () => servicesOf(h.core);
const track = (name: string, at: number, props: Record<string, string | number> = {}, id?: string) =>
  services().insight.tracker.track(tenantId, {
    name,
    actor: `a${at}${id ?? ''}`,
    at,
    props,
    ...(id ? { id } : {}),
  });

function incidentsOf(tenant: string) {
  return services()
    .sqlite.prepare(
      "SELECT id, title_message, dedupe_key FROM incidents WHERE tenant_id = ? AND dedupe_key LIKE 'insight.quality:%'",
    )
    .all(tenant) as { id: string; title_message: string; dedupe_key: string }[];
}
const timelineCount = (incidentId: string) => services().incidents.timeline(tenantId, incidentId).length;

describe('platform processes', () => {
  it('answered without a person: conversations started vs hand-offs per day, worked by hand', async () => {
    const d1 = today - 3 * day;
    const d2 = today - 2 * day;
    const d3 = today - day;
    // day 1: 10 started, 2 handed off → 80 %; day 2: 8 started, none → 100 %; day 3: 5 started, 5 → 0 %
    for (let i = 0; i < 10; i++)
      track('conversation.started', d1 + i * 60_000, { channel: 'web' }, `s1-${i}`);
    for (let i = 0; i < 2; i++)
      track('conversation.handoff', d1 + i * 60_000 + 1, { channel: 'web' }, `h1-${i}`);
    for (let i = 0; i < 8; i++) track('conversation.started', d2 + 3_600_000 + i, {}, `s2-${i}`);
    for (let i = 0; i < 5; i++) track('conversation.started', d3 + 7_200_000 + i, {}, `s3-${i}`);
    for (let i = 0; i < 5; i++) track('conversation.handoff', d3 + 7_300_000 + i, {}, `h3-${i}`);

    const saved = await expectOk(
      h.core,
      'insight.saveProcess',
      { kind: 'contained', name: 'Beantwoord zonder mens', lsl: 50 },
      owner.call,
    );
    expect(saved).toMatchObject({
      kind: 'contained',
      unit: '%',
      lsl: 50,
      usl: null,
      rules: 'western_electric',
    });

    const detail = await expectOk(h.core, 'insight.process', { id: saved.id }, owner.call);
    expect(detail.series).toEqual([
      { at: d1, value: 80, units: 10, defects: 2 },
      { at: d2, value: 100, units: 8, defects: 0 },
      { at: d3, value: 0, units: 5, defects: 5 },
    ]);
    // 7 hand-offs of 23 conversations: DPMO 304,347.8; yield 69.57 %; one-tailed sigma Φ⁻¹(0.6957) + 1.5 = 2.01
    expect(detail.figures.units).toBe(23);
    expect(detail.figures.defects).toBe(7);
    expect(detail.figures.dpmo).toBeCloseTo((7 / 23) * 1e6, 3);
    expect(detail.figures.yieldPercent).toBeCloseTo((16 / 23) * 100, 6);
    expect(detail.figures.sigmaLevel).toBeCloseTo(2.0115, 3);
    expect(detail.figures.convention).toBe('one_tailed');
    // XmR: X̄ = 60, moving ranges 20 and 100 → MR̄ = 60, limits 60 ± 2.66·60
    expect(detail.chart).toMatchObject({ center: 60, movingRangeMean: 60 });
    expect(detail.chart!.ucl).toBeCloseTo(219.6, 9);
    expect(detail.chart!.lcl).toBeCloseTo(-99.6, 9);
    expect(detail.chart!.movingRangeUcl).toBeCloseTo(3.267 * 60, 9);
    expect(detail.chart!.points.map((p) => p.movingRange)).toEqual([null, 20, 100]);
    // only a lower limit: Cpk = (X̄ − LSL) ÷ 3s with s the sample deviation of 80, 100, 0 (52.915); no Cp
    expect(detail.figures.cp).toBeNull();
    expect(detail.figures.cpk).toBeCloseTo((60 - 50) / (3 * Math.sqrt(2800)), 9);

    // the list says the same; a second one of the same kind is refused
    const list = await expectOk(h.core, 'insight.processes', {}, owner.call);
    expect(list.processes).toHaveLength(1);
    expect(list.processes[0]!.figures.dpmo).toBeCloseTo((7 / 23) * 1e6, 3);
    const again = await h.core.dispatch(
      'insight.saveProcess',
      { kind: 'contained', name: 'Twice' },
      owner.call,
    );
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.reason).toBe('quality_process_exists');
  });

  it('first response within SLA: each first response against the tickets’ own target for its priority', async () => {
    const d1 = today - day;
    // high: 60 min target (3,600 s); urgent: 15 min (900 s) — the tickets domain's defaults
    track('ticket.first_response', d1 + 1000, { priority: 'high', seconds: 1800 }, 'f1');
    track('ticket.first_response', d1 + 2000, { priority: 'high', seconds: 5400 }, 'f2');
    track('ticket.first_response', d1 + 3000, { priority: 'urgent', seconds: 600 }, 'f3');
    track('ticket.first_response', d1 - day + 5, { priority: 'urgent', seconds: 901 }, 'f4');
    const saved = await expectOk(h.core, 'insight.saveProcess', { kind: 'first_response_sla' }, owner.call);
    expect(saved.name).toBe('First response within SLA');
    const detail = await expectOk(h.core, 'insight.process', { id: saved.id }, owner.call);
    expect(detail.series.map((p) => [p.at, p.units, p.defects])).toEqual([
      [d1 - day, 1, 1],
      [d1, 3, 1],
    ]);
    expect(detail.series[1]!.value).toBeCloseTo(200 / 3, 9);
    expect(detail.figures.dpmo).toBeCloseTo(500_000, 6);
  });

  it('API latency: the day’s 95th percentile of the calls’ durations against the USL', async () => {
    const d1 = today - day;
    // 20 calls of 10 … 200 ms: the 19th smallest is the 95th percentile (190); 5 slower than 150 ms
    for (let i = 1; i <= 20; i++) track('api.call', d1 + i, { key: 'k1', ms: i * 10 }, `c${i}`);
    const saved = await expectOk(
      h.core,
      'insight.saveProcess',
      { kind: 'api_latency', usl: 150 },
      owner.call,
    );
    const detail = await expectOk(h.core, 'insight.process', { id: saved.id }, owner.call);
    expect(detail.series).toEqual([{ at: d1, value: 190, units: 20, defects: 5 }]);
    expect(detail.figures.yieldPercent).toBeCloseTo(75, 9);
    expect(detail.chart).toBeNull();
    expect(detail.figures.status).toBe('in_control');
  });
});

describe('imported measurements', () => {
  // 12 points alternating 12/8, then 9 at 10.5: above X̄ (10.21) nine times in a row
  const values = [12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 12, 8, ...Array<number>(9).fill(10.5)];
  const csvOf = (from: number, list: number[]) =>
    'at,value\n' + list.map((v, i) => `${new Date(from + i * day).toISOString()},${v}`).join('\n') + '\n';

  it('the 9th point in a row on one side fires Nelson 2 (and Western Electric 4 at the 8th); the signal is raised once', async () => {
    const process = await expectOk(
      h.core,
      'insight.saveProcess',
      { kind: 'imported', name: 'Reparatietijd', unit: 'min', rules: 'nelson' },
      owner.call,
    );
    const start = today - 30 * day;
    const preview = await expectOk(
      h.core,
      'insight.importMeasurementsPreview',
      { csv: csvOf(start, values), processId: process.id },
      owner.call,
    );
    expect(preview).toMatchObject({ valid: 21, errors: [] });
    expect(preview.rows[0]).toEqual({ line: 2, process: 'Reparatietijd', at: start, value: 12 });
    // nothing is written by the preview
    expect((await expectOk(h.core, 'insight.process', { id: process.id }, owner.call)).series).toEqual([]);

    const imported = await expectOk(
      h.core,
      'insight.importMeasurements',
      { csv: csvOf(start, values), processId: process.id },
      owner.call,
    );
    expect(imported).toEqual({
      accepted: 21,
      duplicates: 0,
      rejected: 0,
      errors: [],
      signalled: [process.id],
    });

    const detail = await expectOk(h.core, 'insight.process', { id: process.id }, owner.call);
    expect(detail.chart!.signals).toEqual([{ rule: 'n2', index: 20, at: start + 20 * day }]);
    expect(detail.figures.status).toBe('signal');
    expect(detail.figures.signals).toEqual(['n2']);
    expect(detail.process.lastSignalAt).toBe(start + 20 * day);

    // one incident, said as a message, for the tenant
    const opened = incidentsOf(tenantId);
    expect(opened).toHaveLength(1);
    expect(JSON.parse(opened[0]!.title_message)).toEqual({
      key: 'incidents.quality.title',
      params: { process: 'Reparatietijd' },
    });
    const notes = timelineCount(opened[0]!.id);

    // the incident carries the chart of the firing, its firing point marked
    const shown = await expectOk(h.core, 'incidents.get', { incidentId: opened[0]!.id }, owner.call);
    expect(shown.attachment).toMatchObject({
      kind: 'control_chart',
      processId: process.id,
      processName: 'Reparatietijd',
      unit: 'min',
      rules: 'nelson',
      center: detail.chart!.center,
      ucl: detail.chart!.ucl,
      lcl: detail.chart!.lcl,
      signals: [{ rule: 'n2', index: 20 }],
    });
    expect(shown.attachment!.points).toHaveLength(21);
    expect(shown.attachment!.points[20]).toEqual({ at: start + 20 * day, value: 10.5 });
    // an incident without an attachment reads as before
    const manual = await expectOk(
      h.core,
      'incidents.create',
      { title: 'Kassa', description: '', severity: 'SEV4' },
      owner.call,
    );
    const plain = await expectOk(h.core, 'incidents.get', { incidentId: manual.id }, owner.call);
    expect(plain).not.toHaveProperty('attachment');
    expect(plain.incident.title).toBe('Kassa');

    // the hourly look and a second import of the same lines raise nothing new
    expect(services().quality.evaluateAll()).toBe(0);
    const twice = await expectOk(
      h.core,
      'insight.importMeasurements',
      { csv: csvOf(start, values), processId: process.id },
      owner.call,
    );
    expect(twice).toMatchObject({ accepted: 0, duplicates: 21, signalled: [] });
    expect(incidentsOf(tenantId)).toHaveLength(1);
    expect(timelineCount(opened[0]!.id)).toBe(notes);

    // the same series under the Western Electric rules: 8 in a row on one side at the 8th point
    await expectOk(
      h.core,
      'insight.saveProcess',
      { id: process.id, kind: 'imported', rules: 'western_electric' },
      owner.call,
    );
    const we = await expectOk(h.core, 'insight.process', { id: process.id }, owner.call);
    expect(we.chart!.signals).toEqual([{ rule: 'we4', index: 19, at: start + 19 * day }]);

    // the audit trail has the import as one entry
    const audit = await expectOk(h.core, 'audit.list', { action: 'insight.importMeasurements' }, owner.call);
    expect(audit.entries[0]!.details).toMatchObject({ accepted: 0, duplicates: 21, rejected: 0 });
  });

  it('says each refused line and why', async () => {
    await expectOk(
      h.core,
      'insight.saveProcess',
      { kind: 'imported', name: 'Wachttijd', unit: 'min' },
      owner.call,
    );
    await expectOk(h.core, 'insight.saveProcess', { kind: 'api_latency' }, owner.call);
    const csv = [
      'process,at,value',
      'Wachttijd,2026-11-01T10:00:00Z,12.5',
      'Onbekend,2026-11-01T11:00:00Z,3',
      'Wachttijd,yesterday,4',
      'Wachttijd,2026-11-01,',
      'Wachttijd,1793000000000,twelve',
      'API latency,2026-11-02,300',
      'Wachttijd,2026-11-03,"12,5"',
    ].join('\n');
    const preview = await expectOk(h.core, 'insight.importMeasurementsPreview', { csv }, owner.call);
    expect(preview.valid).toBe(2);
    expect(preview.rows.map((r) => [r.line, r.value])).toEqual([
      [2, 12.5],
      [8, 12.5],
    ]);
    expect(preview.errors).toEqual([
      { at: 3, field: 'process', reason: 'quality_process_unknown', params: { name: 'Onbekend' } },
      { at: 4, field: 'at', reason: 'invalid_date' },
      { at: 5, field: 'value', reason: 'required' },
      { at: 6, field: 'value', reason: 'invalid_value' },
      // a built-in process is measured by the platform, not imported into
      { at: 7, field: 'process', reason: 'quality_process_unknown', params: { name: 'API latency' } },
    ]);
    const imported = await expectOk(h.core, 'insight.importMeasurements', { csv }, owner.call);
    expect(imported).toMatchObject({ accepted: 2, rejected: 5 });

    // a header without the columns it needs
    const header = await expectOk(
      h.core,
      'insight.importMeasurementsPreview',
      { csv: 'when,value\n1,2\n' },
      owner.call,
    );
    expect(header.errors).toEqual([
      { at: 1, field: 'process', reason: 'required' },
      { at: 1, field: 'at', reason: 'required' },
    ]);
  });
});

describe('tenants and roles', () => {
  it('keeps each organisation’s processes and measurements to itself', async () => {
    const process = await expectOk(
      h.core,
      'insight.saveProcess',
      { kind: 'imported', name: 'Reparatietijd', usl: 120 },
      owner.call,
    );
    await expectOk(
      h.core,
      'insight.importMeasurements',
      { csv: 'at,value\n2026-11-01,40\n2026-11-02,45\n', processId: process.id },
      owner.call,
    );
    const other = await expectOk(h.core, 'tenants.create', { name: 'Verksted Sør' }, owner.call);
    await expectOk(h.core, 'tenants.switch', { tenantId: other.id }, owner.call);
    expect((await expectOk(h.core, 'insight.processes', {}, owner.call)).processes).toEqual([]);
    const read = await h.core.dispatch('insight.process', { id: process.id }, owner.call);
    expect(read.ok ? 'ok' : read.error.code).toBe('NOT_FOUND');
    const removed = await expectOk(h.core, 'insight.deleteProcess', { id: process.id }, owner.call);
    expect(removed).toEqual({ deleted: false });
    // the same name in the other organisation is its own process, with none of the first one's points
    const own = await expectOk(
      h.core,
      'insight.saveProcess',
      { kind: 'imported', name: 'Reparatietijd' },
      owner.call,
    );
    expect((await expectOk(h.core, 'insight.process', { id: own.id }, owner.call)).series).toEqual([]);
    const refused = await expectOk(
      h.core,
      'insight.importMeasurementsPreview',
      { csv: 'at,value\n2026-11-01,40\n', processId: process.id },
      owner.call,
    ).catch((error: Error) => error.message);
    expect(refused).toContain('NOT_FOUND');
    await expectOk(h.core, 'tenants.switch', { tenantId }, owner.call);
    const back = await expectOk(h.core, 'insight.process', { id: process.id }, owner.call);
    expect(back.series.map((p) => p.value)).toEqual([40, 45]);
  });

  it('lets a viewer read and only an admin change processes', async () => {
    const viewer = await inviteAndAccept(h.core, owner, 'vera@shop.test', 'viewer');
    const process = await expectOk(
      h.core,
      'insight.saveProcess',
      { kind: 'imported', name: 'Wachttijd' },
      owner.call,
    );
    expect((await expectOk(h.core, 'insight.processes', {}, viewer.call)).processes).toHaveLength(1);
    await expectOk(h.core, 'insight.process', { id: process.id }, viewer.call);
    for (const [method, input] of [
      ['insight.saveProcess', { kind: 'imported', name: 'Nope' }],
      ['insight.deleteProcess', { id: process.id }],
      ['insight.importMeasurements', { csv: 'at,value\n1,2\n', processId: process.id }],
      ['insight.importMeasurementsPreview', { csv: 'at,value\n1,2\n', processId: process.id }],
    ] as const) {
      const refused = await h.core.dispatch(method, input, viewer.call);
      expect(refused.ok ? 'ok' : refused.error.code, method).toBe('FORBIDDEN');
    }
    const deleted = await expectOk(h.core, 'insight.deleteProcess', { id: process.id }, owner.call);
    expect(deleted).toEqual({ deleted: true });
  });
});
