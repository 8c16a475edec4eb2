import Database from 'better-sqlite3';
import i18next, { type i18n as I18n } from 'i18next';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  errorReasons,
  languages,
  messageKeys,
  type ErrorReason,
  type GuardianCheck,
  type Message,
  type MessageKey,
  type MessageParams,
} from '../contract';
import { BackupFileError } from './backups/file-format';
import { inspectFolder } from './backups/folder';
import { backupFailure, folderProblem, verificationFailure } from './backups/problems';
import {
  backupCheck,
  databaseChecks,
  databaseSizeCheck,
  diskCheck,
  eventLoopCheck,
  installationChecks,
  memoryCheck,
  walCheck,
} from './guardian/checks/installation';
import {
  flowMessageCorpus,
  flowMessageSamples,
  unreachableFlowKeys,
  withNested,
} from './agents/flow/testing/message-corpus';
import { agentErrorRateChecks, providerChecks, securityEventsCheck } from './guardian/checks/tenant';
import { AppError } from './lib/errors';
import { createHarness, expectOk, setupOwner, type Harness } from './testing/harness';
import { allowLocal } from './testing/outbound';

/**
 * What the core says reaches Dutch and Norwegian screens in Dutch and Norwegian: every message
 * key, every Guardian check outcome, every message of a real incident and Guardian action, and
 * every error reason, rendered through the renderer's own catalogue the way the renderer renders
 * them (messages.<key>, errors.reasons.<reason>), holds no English sentence.
 */

const catalogue = (language: string) =>
  JSON.parse(readFileSync(join(__dirname, '../../renderer/src/i18n', `${language}.json`), 'utf8')) as object;

let i18n: I18n;
beforeAll(async () => {
  i18n = i18next.createInstance();
  await i18n.init({
    resources: Object.fromEntries(languages.map((l) => [l, { translation: catalogue(l) }])),
    lng: 'en',
    fallbackLng: 'en',
    initAsync: false,
    // the product's name, as the renderer gives it to every sentence (renderer/src/i18n/index.ts)
    interpolation: {
      escapeValue: false,
      defaultVariables: { product: 'Mindframe Control Center', productShort: 'Mindframe' },
    },
  });
  // the renderer's `mebibytes` formatter (renderer/src/i18n/formatters.ts, tested there) says a size in
  // kB, MB or GB; here any unit will do: what matters is the words around it
  i18n.services.formatter?.add('mebibytes', (value: unknown, lng: string | undefined) =>
    new Intl.NumberFormat(lng, { style: 'unit', unit: 'megabyte' }).format(Number(value)),
  );
});

/**
 * Words only English writes; " is ", " in ", " of " and " was " are Dutch too, " for " is
 * Norwegian, and Dutch says "runs", so they are not on the list.
 */
const englishWords = [
  'the',
  'not',
  'has',
  'have',
  'been',
  'could',
  'does',
  'did',
  'which',
  'with',
  'after',
  'from',
  'this',
  'that',
  'will',
  'are',
  'were',
  'there',
  'yet',
  'failed',
  'answered',
  'when',
  'only',
  'found',
  'every',
  'its',
  'cannot',
  'should',
  'your',
  'you',
  'still',
  'again',
  'refused',
  'backup',
  'check',
  'passed',
];
const englishIn = (text: string) => {
  // codes such as CERT_HAS_EXPIRED are one word
  const padded = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}_]+/gu, ' ')} `;
  return englishWords.filter((word) => padded.includes(` ${word} `));
};

function render(language: string, key: string, params: MessageParams = {}): string {
  return i18n.getFixedT(language)(key, params);
}

/** What a Dutch or Norwegian screen shows for a message, with what is wrong with it (none: fine). */
function problemsOf(key: string, params: MessageParams = {}): string[] {
  const en = render('en', key, params);
  const problems: string[] = [];
  if (en === key || /\{\{|\$t\(/.test(en)) problems.push(`en: not rendered: ${en}`);
  for (const language of ['nl', 'nb']) {
    const text = render(language, key, params);
    if (text === key || /\{\{|\$t\(/.test(text)) problems.push(`${language}: not rendered: ${text}`);
    if (text === en) problems.push(`${language}: the same as English: ${text}`);
    const english = englishIn(text);
    if (english.length > 0) problems.push(`${language}: English (${english.join(', ')}): ${text}`);
  }
  return problems.map((problem) => `${key} ${JSON.stringify(params)} → ${problem}`);
}

const messageProblems = (message: Message) => problemsOf(`messages.${message.key}`, message.params);

/** Parameters like the core's for every message key; a key added to the list needs one here. */
const agent = { agent: 'Fietsbot' };
const samples: Record<Exclude<MessageKey, 'legacy.text'>, MessageParams> = {
  'guardian.database.ok': {},
  'guardian.database.failed': {},
  'guardian.integrity.not_run': {},
  'guardian.integrity.passed_quick': {},
  'guardian.integrity.passed_full': {},
  'guardian.integrity.damaged': {},
  'guardian.database_size': { mib: 12.5 },
  'guardian.wal': { mib: 0.4 },
  'guardian.disk.full': { mib: 3 },
  'guardian.disk.free': { mib: 20480 },
  'guardian.disk.unknown': {},
  'guardian.backup.none': {},
  'guardian.backup.age': { hours: 0.1 },
  'guardian.event_loop': { ms: 12.3 },
  'guardian.memory': { mib: 312 },
  'guardian.scheduler_drift': { ms: 40 },
  'guardian.log_errors': { count: 2.5 },
  'guardian.agents.idle': { minutes: 15 },
  'guardian.agents.error_rate': { ...agent, failed: 3, count: 5, percent: 60, minutes: 15 },
  'guardian.provider.test_failed': { provider: 'Lokaal' },
  'guardian.provider.idle': { provider: 'Lokaal', minutes: 15 },
  'guardian.provider.answered': { provider: 'Lokaal', percent: 100, count: 4 },
  'guardian.provider.answered_latency': { provider: 'Lokaal', percent: 75, count: 4, ms: 1200 },
  'guardian.security_events': { count: 2, minutes: 15 },
  'guardian.security_events_high': { count: 3, high: 1, minutes: 15 },
  'guardian.plan.retry.summary': { ...agent, count: 3 },
  'guardian.plan.retry.start': { count: 3 },
  'guardian.plan.retry.keep': {},
  'guardian.plan.failover.summary': { ...agent, model: 'llama3' },
  'guardian.plan.failover.primary': { model: 'llama3' },
  'guardian.plan.failover.keep': { model: 'gpt-4o' },
  'guardian.plan.pause.summary': agent,
  'guardian.plan.pause.stop': {},
  'guardian.plan.pause.probe': { minutes: 10 },
  'guardian.plan.rollback.summary': { ...agent, version: 3 },
  'guardian.plan.rollback.deploy': { version: 3 },
  'guardian.plan.rollback.keep': { version: 4 },
  'guardian.plan.maintenance.summary': {},
  'guardian.plan.maintenance.checkpoint': {},
  'guardian.plan.maintenance.analyze': {},
  'guardian.plan.maintenance.vacuum': { percent: 20 },
  'guardian.plan.restore.summary': {},
  'guardian.plan.restore.copy': {},
  'guardian.plan.restore.stop': {},
  'guardian.plan.restore.replace': {},
  'guardian.plan.restore.loss': {},
  'guardian.outcome.retried': { count: 2 },
  'guardian.outcome.no_fallback': agent,
  'guardian.outcome.failed_over': { ...agent, model: 'llama3' },
  'guardian.outcome.failover_undone': { model: 'gpt-4o' },
  'guardian.outcome.paused': agent,
  'guardian.outcome.resumed': agent,
  'guardian.outcome.no_good_version': {},
  'guardian.outcome.version_live': { ...agent, version: 3 },
  'guardian.outcome.version_back': { version: 4 },
  'guardian.outcome.compacted': { free: 300, pages: 1000 },
  'guardian.outcome.tidied': {},
  'guardian.outcome.no_backup': {},
  'guardian.outcome.restored': { file: 'mindframe-1.mfbk', safety: 'mindframe-2-pre-restore.mfbk' },
  'guardian.outcome.failed': {},
  'guardian.outcome.probe_succeeded': agent,
  'guardian.outcome.probe_failed': agent,
  'incidents.guardian_found': { inner: 'guardian.disk.full', mib: 3 },
  'incidents.security.title': { kind: 'login_failed_burst' },
  'incidents.security.description': { kind: 'credential_stuffing' },
  'incidents.security.description_ip': { kind: 'ip_blocked', ip: '203.0.113.7' },
  'incidents.quality.title': { process: 'Klaargezet binnen 2 uur' },
  'incidents.quality.description': {
    process: 'Reparatietijd',
    rule: 'we2',
    count: 2,
    value: 41.5,
    at: 1767225600000,
  },
  'incidents.timeline.opened': { severity: 'SEV2', title: 'Kassa hapert' },
  'incidents.timeline.opened_framed': { severity: 'SEV1', inner: 'guardian.database.failed' },
  'incidents.timeline.status': { from: 'open', to: 'acknowledged' },
  'incidents.timeline.severity': { from: 'SEV3', to: 'SEV1' },
  'incidents.timeline.assigned': { name: 'Olivia' },
  'incidents.timeline.unassigned': {},
  'incidents.timeline.escalated_unacknowledged': { name: 'Olivia' },
  'incidents.timeline.escalated_unresolved': { name: 'Olivia' },
  'incidents.timeline.recovered': { inner: 'guardian.disk.free', mib: 20480 },
  'incidents.timeline.proposed': { inner: 'guardian.plan.pause.summary', ...agent },
  'incidents.timeline.applied': { inner: 'guardian.outcome.paused', ...agent },
  'incidents.timeline.apply_failed': { inner: 'guardian.outcome.no_good_version' },
  'incidents.timeline.rejected': { actor: 'Olivia', inner: 'guardian.plan.pause.summary', ...agent },
  'incidents.timeline.rolled_back': { actor: 'Olivia', inner: 'guardian.outcome.resumed', ...agent },
  'incidents.timeline.seen_again': { kind: 'csrf_failure' },
  'incidents.timeline.seen_again_ip': { kind: 'rate_limited', ip: '203.0.113.7' },
  'incidents.timeline.quality_signal': {
    process: 'Reparatietijd',
    rule: 'n2',
    count: 1,
    value: 38,
    at: 1767225600000,
  },
  refused: { reason: 'backup_running' },
  'backups.problem': { problem: 'damaged' },
  'backups.see_log': {},
  'outbound.refused': { reason: 'blocked_address' },
  'notify.guardian.approval_needed': {},
  'notify.guardian.applied': {},
  'notify.health.unhealthy': { score: 42 },
  'notify.backup.failed': {},
  'notify.backup.verification_failed': {},
  'notify.incident.opened': { number: 7 },
  'notify.incident.resolved': { number: 7, name: 'Kari Nordmann' },
  'notify.incident.escalated_unacknowledged': { number: 7, severity: 'SEV2' },
  'notify.incident.escalated_unresolved': { number: 7, severity: 'SEV2' },
  'notify.ticket.handoff_title': { number: 12, subject: 'Selger dere pizza?' },
  'notify.ticket.handoff': { number: 12, queue: 'support' },
  'notify.ticket.sla_breach_title': { number: 12, subject: 'Selger dere pizza?' },
  'notify.ticket.sla_breach_first_response': { number: 12 },
  'notify.ticket.sla_breach_resolution': { number: 12 },
  'notify.ticket.customer_replied_title': { number: 12, subject: 'Selger dere pizza?' },
  'notify.ticket.customer_replied': { number: 12 },
  'notify.ticket.platform_title': {
    number: 3,
    organisation: 'Sykkelverksted Nord',
    subject: 'Hvor er sikkerhetskopiene?',
  },
  'notify.ticket.platform': { organisation: 'Sykkelverksted Nord' },
  'notify.account.two_factor_reset_by_owner': { actor: 'Kari Nordmann', email: 'ola@shop.test' },
  'notify.account.two_factor_reset_by_platform': { actor: 'Kari Nordmann', email: 'ola@shop.test' },
  'notify.account.two_factor_reset_title': {},
  'notify.account.two_factor_reset_next': {},
  'notify.account.not_you': {},
  'notify.billing.conversations_warning_title': { used: 400, limit: 500 },
  'notify.billing.conversations_limit_title': { used: 500, limit: 500 },
  'notify.billing.runs_warning_title': { used: 1600, limit: 2000 },
  'notify.billing.runs_limit_title': { used: 2000, limit: 2000 },
  'notify.billing.tokens_warning_title': { used: 800000, limit: 1000000 },
  'notify.billing.tokens_limit_title': { used: 1000000, limit: 1000000 },
  'notify.billing.usage_warning': { used: 400, limit: 500 },
  'notify.billing.usage_limit': { used: 500, limit: 500 },
  'conversations.plan_limit_reply': {},
  'notify.test.title': {},
  'notify.test.body': {},
  'notify.test.desktop_sent': {},
  'notify.test.email_sent': { count: 2, recipients: 'ops@voorbeeld.nl, it@voorbeeld.nl' },
  'notify.test.webhook_answered': { status: 204 },
  'notify.test.webhook_answered_signed': { status: 204 },
  'notify.test.rule_no_emails': { rule: 'Dienst' },
  'notify.test.rule_no_webhook': { rule: 'Dienst' },
  'notify.test.smtp_not_configured': {},
  'notify.smtp.rejected': { recipients: 'ops@voorbeeld.nl' },
  'notify.smtp.auth': {},
  'notify.smtp.unresolvable': { host: 'smtp.voorbeeld.nl' },
  'notify.smtp.timeout': { where: 'smtp.voorbeeld.nl:587' },
  'notify.smtp.tls': { where: 'smtp.voorbeeld.nl:587' },
  'notify.smtp.envelope': {},
  'notify.smtp.connection_refused': { where: 'smtp.voorbeeld.nl:587' },
  'notify.smtp.unreachable': { where: 'smtp.voorbeeld.nl:587' },
  'notify.smtp.answered': { reply: 421 },
  'notify.smtp.failed': {},
  'notify.smtp.failed_code': { code: 'EMESSAGE' },
  'notify.webhook.timeout': { seconds: 5 },
  'notify.webhook.connection_refused': {},
  'notify.webhook.unresolvable': {},
  'notify.webhook.closed': {},
  'notify.webhook.certificate': { code: 'CERT_HAS_EXPIRED' },
  'notify.webhook.failed': { code: 'EPIPE' },
  'notify.webhook.redirect': { status: 301 },
  'notify.webhook.answered': { status: 500 },
  'providers.test.answered': { model: 'llama3', ms: 840 },
  'providers.error.http_status': { status: 401 },
  'providers.error.timeout': {},
  'providers.error.unreachable': {},
  'providers.error.unreachable_code': { code: 'ECONNREFUSED' },
  'providers.error.provider_error': {},
  'providers.error.bad_answer': {},
  'providers.error.needs_endpoint': {},
  'providers.error.needs_base_url': {},
  'providers.error.failed': {},
  'runs.note.fell_back': { model: 'Lokaal/llama3' },
  'runs.note.failed': { model: 'Lokaal/llama3', inner: 'providers.error.provider_error' },
  'runs.note.failed_after': {
    model: 'Lokaal/llama3',
    count: 3,
    inner: 'providers.error.http_status',
    status: 503,
  },
  'runs.note.retrying': {
    model: 'Lokaal/llama3',
    ms: 500,
    inner: 'providers.error.http_status',
    status: 429,
  },
  'runs.note.estimated_tokens': {},
  'runs.note.no_price': { model: 'llama3' },
  'runs.note.tool_call': { tool: 'search_knowledge', query: 'openingstijden', count: 2 },
  'runs.note.loop_limit': { limit: 3, edge: 'e1' },
  'health.database.ok': {},
  'health.database.ok_unchecked': {},
  'backups.folder_unusable': { problem: 'missing', path: '/srv/kopie' },
  'backups.failed': {},
  'backups.failed_because': { problem: 'no_space' },
  'backups.failed_refused': { reason: 'backup_folder_unusable', problem: 'not_writable', path: '/srv/kopie' },
  'backups.verification_failed': { file: 'mindframe-1.mfbk', problem: 'truncated' },
  'backups.verification_failed_unexplained': { file: 'mindframe-1.mfbk' },
  'channels.email.not_configured': {},
  'channels.email.imap.no_password': {},
  'channels.email.imap.auth': {},
  'channels.email.imap.mailbox': { mailbox: 'Klanten' },
  'channels.email.imap.refused': { where: 'imap.voorbeeld.nl:993' },
  'channels.email.imap.unresolvable': { host: 'imap.voorbeeld.nl' },
  'channels.email.imap.timeout': { where: 'imap.voorbeeld.nl:993' },
  'channels.email.imap.tls': { where: 'imap.voorbeeld.nl:993' },
  'channels.email.imap.dropped': { where: 'imap.voorbeeld.nl:993' },
  'channels.email.imap.unreachable': { where: 'imap.voorbeeld.nl:993' },
  'channels.email.imap.failed': {},
  'channels.email.smtp.auth': {},
  'channels.email.smtp.refused': { where: 'smtp.voorbeeld.nl:587' },
  'channels.email.smtp.unresolvable': { host: 'smtp.voorbeeld.nl' },
  'channels.email.smtp.timeout': { where: 'smtp.voorbeeld.nl:587' },
  'channels.email.smtp.tls': { where: 'smtp.voorbeeld.nl:587' },
  'channels.email.smtp.unreachable': { where: 'smtp.voorbeeld.nl:587' },
  'channels.email.smtp.rejected': {},
  'channels.email.smtp.failed': {},
  'channels.email.agent_unavailable': {},
  'assistant.health.healthy': { score: 96 },
  'assistant.health.degraded': { score: 71 },
  'assistant.health.unhealthy': { score: 30 },
  'assistant.health.attention': { count: 2 },
  'assistant.health.all_ok': {},
  'assistant.backups.none': {},
  'assistant.backups.last_minutes': { count: 12 },
  'assistant.backups.last_hours': { count: 5 },
  'assistant.backups.last_days': { count: 3 },
  'assistant.backups.verified': {},
  'assistant.backups.unverified': {},
  'assistant.incidents.none': {},
  'assistant.incidents.open': { count: 2 },
  'assistant.incidents.item': { number: 7, severity: 'SEV2', title: 'Fietsbot antwoordt traag' },
  'assistant.agents.none': {},
  'assistant.agents.summary': { count: 3, live: 2, paused: 1 },
  'assistant.agents.live_names': { names: 'Fietsbot, Werkplaats' },
  'assistant.agents.paused_names': { names: 'Verhuur' },
  'assistant.agents.which': { names: 'Fietsbot, Werkplaats' },
  'assistant.agents.already_paused': agent,
  'assistant.agents.not_live': agent,
  'assistant.agents.not_paused': agent,
  'assistant.agents.paused': agent,
  'assistant.agents.resumed': agent,
  'assistant.confirm.pause': agent,
  'assistant.confirm.resume': agent,
  'assistant.confirm.cancelled': {},
  'assistant.confirm.already': {},
  'assistant.runs.today': { count: 42 },
  'assistant.runs.failed': { count: 3 },
  'assistant.conversations.today': { count: 18 },
  'assistant.conversations.to_person': { count: 4 },
  'assistant.conversations.waiting': { count: 1 },
  'assistant.tickets.open': { count: 5 },
  'assistant.tickets.details': { unassigned: 2, breached: 1, mine: 1 },
  'assistant.refused.role': { role: 'operator' },
  'assistant.refused.platform_admin': {},
  'assistant.failed': {},
  'assistant.handoff.unsure': {},
  'assistant.handoff.opened': { number: 12 },
  'assistant.handoff.already': {},
  'assistant.help.found': { count: 2 },
  'assistant.topic.product': {},
  'assistant.topic.pricing': {},
  'assistant.topic.support': {},
  'assistant.topic.feature_request': {},
  'assistant.topic.billing': {},
  'assistant.topic.account': {},
  'assistant.topic.general': {},
  'assistant.topic.troubleshooting': {},
  'assistant.topic.demo': {},
  'assistant.topic.integration': {},
  'assistant.topic.security': {},
  'assistant.topic.custom_solution': {},
  ...flowMessageSamples,
};

/** Parameters like the core's for the error reasons whose sentence needs some. */
const reasonSamples: Partial<Record<ErrorReason, MessageParams>> = {
  too_short: { minimum: 12 },
  too_long: { maximum: 100 },
  brand_low_contrast: { ratio: 1.66, minimum: 4.5 },
  brand_logo_too_large: { maximum: 256 },
  too_few: { minimum: 1 },
  too_many: { maximum: 20 },
  quality_process_unknown: { name: 'Reparatietijd' },
  too_small: { minimum: 1 },
  too_small_exclusive: { minimum: 0 },
  too_big: { maximum: 500 },
  too_big_exclusive: { maximum: 10 },
  unknown_field: { field: 'settings.colour' },
  role_required: { role: 'admin' },
  plan_feature: { feature: 'channel_email', plan: 'Pro' },
  plan_limit: { kind: 'liveAgents', limit: 1, used: 1, periodEnd: null },
  plan_not_archivable: { plan: 'Starter' },
  plan_archived: { plan: 'Starter' },
  plan_unknown: { plan: 'gold' },
  plan_not_sold: { plan: 'Starter' },
  plan_not_synced: { plan: 'Pro' },
  api_key_scope: { method: 'agents.run' },
  allow_list_locks_you_out: { ip: '203.0.113.7' },
  role_not_grantable: { role: 'owner' },
  member_outranks: { role: 'owner' },
  action_not_pending: { status: 'applied' },
  incident_status_backwards: { from: 'resolved', to: 'acknowledged' },
  model_not_offered: { model: 'llama3' },
  model_provider_missing: { model: 'gpt-4o' },
  email_in_list_invalid: { address: 'ops@' },
  unknown_timezone: { timezone: 'Mars/Olympus' },
  offset_beyond_end: { bytes: 1048576 },
  upload_offset_mismatch: { received: 65536, offset: 0 },
  upload_starts_at_zero: { offset: 4096 },
  backup_folder_unusable: { problem: 'missing', path: '/srv/kopie' },
  backup_unverified: { problem: 'mismatch' },
  backup_unusable: { problem: 'newer_version', version: '9.1.0' },
  import_too_large: { mib: 200 },
  import_counts_mismatch: { table: 'agents', expected: 4, found: 3 },
  import_bad_line: { line: 17 },
  file_too_large: { maxMb: 10 },
  csv_too_many_rows: { max: 5000 },
  url_status: { status: 503 },
  url_too_large: { maxMb: 2 },
  flow_has_problems: { count: 3, inner: 'flow.problem.unknown_variable', name: 'klant', field: 'prompt' },
  version_has_problems: { count: 1, version: 4, inner: 'flow.problem.no_model' },
  agent_not_live: { agent: 'Fietsbot' },
  message_too_long: { max: 4000 },
  export_too_large: { max: 5000 },
  conversation_has_ticket: { number: 12 },
};

describe('every message key', () => {
  it('has parameters here (the list and the table agree)', () => {
    expect(messageKeys.filter((key) => key !== 'legacy.text' && !(key in samples))).toEqual([]);
  });

  it('is said in Dutch and Norwegian, not in English', () => {
    const problems = Object.entries(samples).flatMap(([key, params]) =>
      problemsOf(`messages.${key}`, params),
    );
    expect(problems).toEqual([]);
  });

  it('is the English sentence in English (the legacy text as it was written)', () => {
    expect(render('en', 'messages.guardian.backup.age', { hours: 0.1 })).toBe(
      'The last verified backup is 0.1 hours old.',
    );
    expect(render('nl', 'messages.guardian.backup.age', { hours: 0.1 })).toBe(
      'De laatste geverifieerde back-up is 0,1 uur oud.',
    );
    expect(render('nb', 'messages.legacy.text', { text: 'As it was.' })).toBe('As it was.');
  });
});

describe('the error-rate check', () => {
  it('says in every language that test runs are not counted', () => {
    const [idle] = agentErrorRateChecks([]);
    const [rate] = agentErrorRateChecks([
      {
        agentId: 'a',
        name: 'Fietsbot',
        total: 5,
        failed: 2,
        providerFailures: 0,
        hasFallback: false,
        deployedVersion: 1,
      },
    ]);
    const said = {
      en: /test runs are not counted/i,
      nl: /testruns tellen niet mee/i,
      nb: /testkjøringer telles ikke med/i,
    };
    for (const check of [idle!, rate!]) {
      expect(check.text).toMatch(said.en);
      for (const [language, words] of Object.entries(said))
        expect(render(language, `messages.${check.message.key}`, check.message.params)).toMatch(words);
    }
  });
});

describe('every error reason', () => {
  it('is said in Dutch and Norwegian, not in English', () => {
    const problems = errorReasons.flatMap((reason) =>
      problemsOf(`errors.reasons.${reason}`, reasonSamples[reason] ?? {}),
    );
    expect(problems).toEqual([]);
  });
});

describe('every problem of a flow and mistake in an expression, as the checks make them', () => {
  it('is said in Dutch and Norwegian, not in English', async () => {
    const said = await flowMessageCorpus();
    // the corpus reaches every message of the flow checks (and the ones inside them)
    const keys = new Set(said.flatMap(withNested));
    const flowKeys = messageKeys.filter(
      (key) => key.startsWith('flow.') && !unreachableFlowKeys.has(key as never),
    );
    expect(flowKeys.filter((key) => !keys.has(key))).toEqual([]);
    expect(said.flatMap(messageProblems)).toEqual([]);
    // and a refusal that frames the first of them
    const [first] = said;
    expect(
      problemsOf('errors.reasons.flow_has_problems', { ...first!.params, inner: first!.key, count: 2 }),
    ).toEqual([]);
  });
});

describe('every Guardian check outcome, as the checks make them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mindframe-messages-'));
  const sqlite = new Database(join(dir, 'db.sqlite'));
  afterAll(() => {
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is said in Dutch and Norwegian, not in English', () => {
    const now = Date.UTC(2026, 10, 22, 9);
    const eventLoop = monitorEventLoopDelay({ resolution: 20 });
    const broken = {
      prepare: () => ({
        get: () => {
          throw new Error('SQLITE_IOERR');
        },
      }),
    };
    const missing = inspectFolder(join(dir, 'gone'));
    const checks: GuardianCheck[] = [
      ...databaseChecks(sqlite, { result: 'ok', kind: null, checkedAt: null }),
      ...databaseChecks(sqlite, { result: 'ok', kind: 'quick', checkedAt: now }),
      ...databaseChecks(sqlite, { result: 'ok', kind: 'full', checkedAt: now }),
      ...databaseChecks(broken as unknown as Database.Database, {
        result: 'row 3 missing from index',
        kind: 'full',
        checkedAt: now,
      }),
      databaseSizeCheck(join(dir, 'db.sqlite')),
      walCheck(join(dir, 'db.sqlite')),
      diskCheck(dir),
      diskCheck(dir, true),
      diskCheck(join(dir, 'nowhere')),
      backupCheck(now, null, null),
      backupCheck(now, now - 6 * 60_000, null),
      backupCheck(now, now - 80 * 3_600_000, null),
      backupCheck(now, null, folderProblem(missing)),
      backupCheck(now, null, backupFailure(new Error('EIO'), 'The backup failed: EIO')),
      backupCheck(now, null, backupFailure(new BackupFileError('no_space', 'x'), 'x')),
      backupCheck(
        now,
        null,
        backupFailure(
          new AppError('UNAVAILABLE', 'x', {
            reason: 'backup_folder_unusable',
            params: { problem: 'missing', path: dir },
          }),
          'x',
        ),
      ),
      backupCheck(now, null, verificationFailure('mindframe-1.mfbk', 'damaged', 'x')),
      backupCheck(now, null, verificationFailure('mindframe-1.mfbk', null, 'x')),
      eventLoopCheck(eventLoop),
      memoryCheck(),
      ...installationChecks({
        sqlite,
        databaseFile: join(dir, 'db.sqlite'),
        dataDir: dir,
        now,
        integrity: { result: 'ok', kind: 'quick', checkedAt: now },
        eventLoop,
        schedulerDriftMs: 40_000,
        lastVerifiedBackupAt: now,
        errorLinesPerMinute: 1,
      }),
      ...agentErrorRateChecks([]),
      ...agentErrorRateChecks([
        {
          agentId: 'a',
          name: 'Fietsbot',
          total: 6,
          failed: 6,
          providerFailures: 6,
          hasFallback: true,
          deployedVersion: 2,
        },
        {
          agentId: 'b',
          name: 'Kassabot',
          total: 1,
          failed: 0,
          providerFailures: 0,
          hasFallback: false,
          deployedVersion: 1,
        },
      ]),
      ...providerChecks(
        [
          { id: 'p1', name: 'Lokaal', lastTest: null, answered: 0, averageLatencyMs: null, failed: 0 },
          {
            id: 'p2',
            name: 'Wolk',
            lastTest: { ok: false, at: now, text: 'x' },
            answered: 0,
            averageLatencyMs: null,
            failed: 0,
          },
          { id: 'p3', name: 'Snel', lastTest: null, answered: 1, averageLatencyMs: 900, failed: 0 },
          { id: 'p4', name: 'Stuk', lastTest: null, answered: 0, averageLatencyMs: null, failed: 4 },
        ],
        now,
      ),
      securityEventsCheck({ countSince: () => ({ total: 0, high: 0 }) }, 't', now),
      securityEventsCheck({ countSince: () => ({ total: 1, high: 0 }) }, 't', now),
      securityEventsCheck({ countSince: () => ({ total: 7, high: 2 }) }, 't', now),
    ];
    const keys = new Set(checks.map((check) => check.message.key));
    // the outcomes above are every one the checks have: each check key, and why backups fail
    const checkKeys = messageKeys.filter(
      (key) =>
        (key.startsWith('guardian.') && !/^guardian\.(plan|outcome)\./.test(key)) ||
        /^backups\.(folder_unusable|failed|verification_failed)/.test(key),
    );
    expect(checkKeys.filter((key) => !keys.has(key))).toEqual([]);
    expect(checks.flatMap((check) => messageProblems(check.message))).toEqual([]);
  });
});

describe('a Guardian incident and its action, as the core writes them', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('are said in Dutch and Norwegian, not in English: checks, plan, outcome, title, timeline', async () => {
    h = createHarness({ chainPolicy: { attemptsPerModel: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    const owner = await setupOwner(h.core);
    await allowLocal(h.core, owner, '127.0.0.1:9');
    const provider = await expectOk(
      h.core,
      'providers.save',
      { kind: 'compatible', name: 'Uit', baseUrl: 'http://127.0.0.1:9/v1', models: ['weg-model'] },
      owner.call,
    );
    const tested = await expectOk(h.core, 'providers.test', { providerId: provider.id }, owner.call);
    const agent = await expectOk(h.core, 'agents.create', { name: 'Balie' }, owner.call);
    await expectOk(
      h.core,
      'agents.updateSettings',
      { agentId: agent.id, primaryModel: { providerId: provider.id, model: 'weg-model' } },
      owner.call,
    );
    await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, owner.call);
    let lastRun = '';
    for (let i = 0; i < 6; i++)
      lastRun = (
        await expectOk(
          h.core,
          'agents.run',
          { agentId: agent.id, input: { message: `vraag ${i}` }, wait: true },
          owner.call,
        )
      ).id;
    const { steps } = await expectOk(h.core, 'runs.get', { runId: lastRun }, owner.call);
    const status = await expectOk(h.core, 'guardian.runChecks', {}, owner.call);
    const [proposal] = (await expectOk(h.core, 'guardian.actions', { status: 'proposed' }, owner.call))
      .actions;
    const applied = await expectOk(
      h.core,
      'guardian.approve',
      { actionId: proposal!.id, comment: '' },
      owner.call,
    );
    const rolledBack = await expectOk(
      h.core,
      'guardian.rollback',
      { actionId: proposal!.id, comment: '' },
      owner.call,
    );
    const incidentId = applied.incidentId!;
    const member = owner.me.user.id;
    await expectOk(
      h.core,
      'incidents.update',
      { incidentId, status: 'acknowledged', severity: 'SEV1', assigneeId: member },
      owner.call,
    );
    await expectOk(h.core, 'incidents.update', { incidentId, assigneeId: null }, owner.call);
    const { incident, timeline } = await expectOk(h.core, 'incidents.get', { incidentId }, owner.call);
    const { incidents } = await expectOk(h.core, 'incidents.list', {}, owner.call);

    const said: Message[] = [
      tested.message,
      ...steps.flatMap((step) => step.noteMessages),
      ...status.checks.map((check) => check.message),
      ...[applied, rolledBack].flatMap((action) => [
        action.plan.messages.summary,
        ...action.plan.messages.steps,
        action.plan.messages.reason,
        ...(action.outcomeMessage ? [action.outcomeMessage] : []),
      ]),
      ...incidents.flatMap((i) => [i.titleMessage, i.descriptionMessage]).filter((m) => m !== null),
      ...timeline.flatMap((entry) => (entry.message ? [entry.message] : [])),
    ];
    // what the core wrote of the incident all came as messages
    expect(incident.titleMessage).not.toBeNull();
    expect(timeline.filter((entry) => entry.message === null)).toEqual([]);
    expect(new Set(timeline.map((entry) => entry.kind))).toEqual(
      new Set(['opened', 'guardian', 'status', 'severity', 'assigned']),
    );
    expect(said.length).toBeGreaterThan(20);
    expect(said.flatMap(messageProblems)).toEqual([]);
  });
});
