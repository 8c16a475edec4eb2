import { describe, expect, it } from 'vitest';
import { actionKey, knownAuditActions, knownTargetTypes } from '../features/audit/audit-actions';
import { roleOrder } from '../lib/roles';
import { plans } from '../lib/plans';
import { shortcutList } from '../features/designer/shortcuts';
import { nodeTypeList, triggerKindList } from '../features/designer/flow-meta';
import { problemCodeList } from '../features/designer/problems';
import { categoryList } from '../features/marketplace/categories';
import { providerKindList } from '../features/providers/provider-kinds';
import { runErrorCodeList, runStatusList } from '../features/runs/run-status';
import {
  actionStatusList,
  autonomyModeList,
  checkIdList,
  historyRangeList,
  strategyList,
} from '../features/guardian/guardian-meta';
import { incidentStatusList, severityList, timelineKindList } from '../features/incidents/incident-meta';
import { logLevelList } from '../features/logs/log-meta';
import {
  backupKindList,
  backupOperationList,
  backupPhaseList,
  backupProblemCodeList,
  folderProblemCodeList,
  kindKey,
  verificationStatusList,
} from '../features/backups/backup-meta';
import { eventKey, notifyEventList } from '../features/notifications/notify-meta';
import {
  apiKeyScopeList,
  apiKeyStatusList,
  graceHourChoices,
  scopeKey,
} from '../features/api-keys/api-key-meta';
import { securityKindList, securitySeverityList } from '../features/security/security-meta';
import { flatten } from './flatten';
import { languages } from './languages';

const en = flatten(import.meta.glob<unknown>('./en.json', { eager: true, import: 'default' })['./en.json']);
const keys = new Set(Object.keys(en));
const files = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts'], {
  eager: true,
  query: '?raw',
  import: 'default',
});
const sources = Object.entries(files).map(([path, text]) => ({ path, text }));

const exists = (key: string) => keys.has(key) || keys.has(`${key}_one`) || keys.has(`${key}_other`);

describe('translation keys used by the code', () => {
  it('are read from the sources', () => {
    expect(sources.length).toBeGreaterThan(30);
  });

  it('exist in English', () => {
    const missing: string[] = [];
    for (const { path, text } of sources) {
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        if (!exists(match[1]!)) missing.push(`${path}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('have a group for every computed key', () => {
    const missing: string[] = [];
    for (const { path, text } of sources) {
      for (const match of text.matchAll(/\bt\(\s*`([a-zA-Z0-9_.]+)\.\$\{/g)) {
        const prefix = `${match[1]}.`;
        if (![...keys].some((key) => key.startsWith(prefix))) missing.push(`${path}: ${prefix}*`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('cover every role, member status, plan, audit action, health check and language', () => {
    const expected = [
      ...roleOrder.flatMap((role) => [`roles.${role}`, `roleDescriptions.${role}`]),
      ...['active', 'invited', 'disabled'].map((status) => `memberStatus.${status}`),
      ...['active', 'suspended'].map((status) => `tenantStatus.${status}`),
      ...plans.map((plan) => `plans.${plan}`),
      ...knownAuditActions.map((action) => `audit.actions.${actionKey(action)}`),
      ...knownTargetTypes.map((type) => `audit.targetTypes.${type}`),
      ...['healthy', 'degraded', 'unhealthy'].map((status) => `health.status.${status}`),
      ...['ok', 'warn', 'critical'].map((status) => `health.checkStatus.${status}`),
      ...['database', 'disk', 'wal', 'eventLoop', 'memory'].flatMap((id) => [
        `health.checks.${id}.name`,
        `health.checks.${id}.unknown`,
      ]),
      ...['altered', 'missing', 'reordered', 'truncated', 'unprotected'].map(
        (reason) => `audit.verify.reasons.${reason}`,
      ),
      ...['everywhere', 'revoked', 'expired', 'disabled'].map((reason) => `login.signedOut.${reason}`),
      ...[
        'UNAUTHENTICATED',
        'FORBIDDEN',
        'NOT_FOUND',
        'VALIDATION',
        'CONFLICT',
        'RATE_LIMITED',
        'QUOTA_EXCEEDED',
        'UNAVAILABLE',
        'INTERNAL',
      ].map((code) => `errors.${code}`),
      ...languages.map((language) => `language.names.${language}`),
    ];
    expect(expected.filter((key) => !exists(key))).toEqual([]);
  });

  it('cover every node type, trigger, handle, problem, run status and error, category, provider kind and shortcut', () => {
    const expected = [
      ...nodeTypeList.flatMap((type) => [
        `designer.nodeTypes.${type}.name`,
        `designer.nodeTypes.${type}.description`,
      ]),
      ...triggerKindList.flatMap((kind) => [
        `designer.triggerKinds.${kind}`,
        `designer.triggerKindHints.${kind}`,
      ]),
      ...['out', 'error', 'true', 'false', 'fallback', 'approved', 'rejected'].map(
        (h) => `designer.handles.${h}`,
      ),
      ...problemCodeList.map((code) => `designer.problemCodes.${code}`),
      ...['active', 'ok', 'error', 'waiting'].map((mark) => `designer.live.${mark}`),
      ...[
        'json',
        'type',
        'required',
        'oneOf',
        'tooLong',
        'tooShort',
        'tooMany',
        'pattern',
        'range',
        'unknownField',
        'duplicateId',
        'danglingEdge',
      ].map((code) => `designer.import.errors.${code}`),
      ...shortcutList.map((shortcut) => `designer.shortcuts.actions.${shortcut.action}`),
      ...['draft', 'active', 'paused'].map((status) => `agents.status.${status}`),
      ...runStatusList.map((status) => `runs.status.${status}`),
      ...runErrorCodeList.map((code) => `run.errorCodes.${code}`),
      ...['chat', 'schedule', 'api', 'test'].map((trigger) => `runs.trigger.${trigger}`),
      ...['ok', 'error', 'waiting'].map((status) => `run.stepStatus.${status}`),
      ...['day', 'agent', 'model', 'all'].map((g) => `runs.costs.grouping.${g}`),
      ...categoryList.map((category) => `marketplace.categories.${category}`),
      ...providerKindList.flatMap((kind) => [`providers.kinds.${kind}`, `providers.form.urlHints.${kind}`]),
    ];
    expect(expected.filter((key) => !exists(key))).toEqual([]);
  });

  it('cover every Guardian check, strategy, action status and mode, incident severity, status and timeline kind, notification event and log level', () => {
    const expected = [
      ...checkIdList.map((id) => `guardian.checks.${id}`),
      ...strategyList.flatMap((s) => [
        `guardian.strategies.${s}.name`,
        `guardian.strategies.${s}.description`,
        `guardian.undo.${s}`,
      ]),
      ...actionStatusList.map((status) => `guardian.actionStatus.${status}`),
      ...autonomyModeList.map((mode) => `guardian.autonomy.modes.${mode}`),
      ...historyRangeList.flatMap((range) => [
        `guardian.history.ranges.${range}`,
        `guardian.history.short.${range}`,
      ]),
      ...['minute', 'hour', 'day'].map((r) => `guardian.history.resolution.${r}`),
      ...['agent', 'run', 'installation'].map((type) => `guardian.targets.${type}`),
      ...severityList.flatMap((s) => [`incidents.severityNames.${s}`, `incidents.severityHints.${s}`]),
      ...incidentStatusList.map((status) => `incidents.status.${status}`),
      ...timelineKindList.map((kind) => `incident.timeline.kinds.${kind}`),
      ...notifyEventList.map((event) => `notifications.events.${eventKey(event)}`),
      ...['unsupported', 'default', 'granted', 'denied'].flatMap((p) => [
        `notifications.browser.state.${p}`,
        `notifications.browser.explain.${p}`,
      ]),
      ...logLevelList.map((level) => `logs.levels.${level}`),
      ...['database', 'integrity', 'database_size', 'scheduler_drift', 'log_errors'].map(
        (id) => `guardian.messages.${id}`,
      ),
    ];
    expect(expected.filter((key) => !exists(key))).toEqual([]);
  });

  it('cover every backup kind, operation, phase, verification state and problem, and every transfer phase', () => {
    const expected = [
      ...backupProblemCodeList.map((code) => `backups.problems.${code}`),
      'backups.problems.newer_version_unnamed',
      ...folderProblemCodeList.map((code) => `backups.folder.problems.${code}`),
      'backups.folder.problemUnknown',
      'backups.verification.noReason',
      ...backupKindList.map((kind) => `backups.kinds.${kindKey(kind)}`),
      ...backupOperationList.map((operation) => `backups.operations.${operation}`),
      ...backupPhaseList.map((phase) => `backups.phases.${phase}`),
      ...verificationStatusList.map((status) => `backups.verification.${status}`),
      ...['keychain', 'file'].map((store) => `backups.settings.encryption.keyStore.${store}`),
      ...['folderRequired', 'folderAbsolute', 'range', 'time', 'nothingScheduled'].map(
        (key) => `backups.settings.errors.${key}`,
      ),
      ...['keepLast', 'daily', 'weekly', 'monthly'].map(
        (field) => `backups.settings.retention.fields.${field}`,
      ),
      ...['reading', 'writing', 'checking', 'done'].map((phase) => `transfer.phases.${phase}`),
    ];
    expect(expected.filter((key) => !exists(key))).toEqual([]);
  });

  it('cover every API key scope, status and grace period, and every security event kind and severity', () => {
    const expected = [
      ...apiKeyScopeList.map((scope) => `apiKeys.scopes.${scopeKey(scope)}`),
      ...apiKeyStatusList.map((status) => `apiKeys.status.${status}`),
      ...graceHourChoices.map((hours) => `apiKeys.grace.choices.h${hours}`),
      ...securityKindList.map((kind) => `security.kinds.${kind}`),
      ...securitySeverityList.flatMap((severity) => [
        `security.severity.${severity}`,
        `security.severityAtLeast.${severity}`,
      ]),
      'audit.details.loginWrongCode',
      'audit.details.loginWrongBackupCode',
    ];
    expect(expected.filter((key) => !exists(key))).toEqual([]);
  });
});
