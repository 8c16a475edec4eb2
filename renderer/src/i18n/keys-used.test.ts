import { describe, expect, it } from 'vitest';
import {
  actionStatuses,
  actionTargetTypes,
  agentStatuses,
  apiKeyScopes,
  apiKeyStatuses,
  auditBreakReasons,
  autonomyModes,
  backupKinds,
  backupOperations,
  backupPhases,
  backupProblemCodes,
  checkIds,
  checkStatuses,
  errorCodes,
  folderProblemCodes,
  healthStatuses,
  historyRanges,
  historyResolutions,
  incidentStatuses,
  languages,
  logLevels,
  memberStatuses,
  nodeTypes,
  notifyEvents,
  plans,
  problemCodes,
  providerKinds,
  roles,
  runErrorCodes,
  runStatuses,
  runStepStatuses,
  runTriggers,
  secretStores,
  securityEventKinds,
  securitySeverities,
  sessionEndReasons,
  severities,
  strategies,
  templateCategories,
  tenantStatuses,
  timelineKinds,
  transferPhases,
  triggerKinds,
  verificationStatuses,
} from '../contract';
import { actionKey, knownAuditActions, knownTargetTypes } from '../features/audit/audit-actions';
import { shortcutList } from '../features/designer/shortcuts';
import { kindKey } from '../features/backups/backup-meta';
import { eventKey } from '../features/notifications/notify-meta';
import { graceHourChoices, scopeKey } from '../features/api-keys/api-key-meta';
import { flatten } from './flatten';

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
      ...roles.flatMap((role) => [`roles.${role}`, `roleDescriptions.${role}`]),
      ...memberStatuses.map((status) => `memberStatus.${status}`),
      ...tenantStatuses.map((status) => `tenantStatus.${status}`),
      ...plans.map((plan) => `plans.${plan}`),
      ...knownAuditActions.map((action) => `audit.actions.${actionKey(action)}`),
      ...knownTargetTypes.map((type) => `audit.targetTypes.${type}`),
      ...healthStatuses.map((status) => `health.status.${status}`),
      ...checkStatuses.map((status) => `health.checkStatus.${status}`),
      ...['database', 'disk', 'wal', 'eventLoop', 'memory'].flatMap((id) => [
        `health.checks.${id}.name`,
        `health.checks.${id}.unknown`,
      ]),
      ...auditBreakReasons.map((reason) => `audit.verify.reasons.${reason}`),
      // a session ended by signing out says nothing; signing out everywhere is the renderer's own reason
      ...[...sessionEndReasons.filter((reason) => reason !== 'logout'), 'everywhere'].map(
        (reason) => `login.signedOut.${reason}`,
      ),
      ...errorCodes.map((code) => `errors.${code}`),
      ...languages.map((language) => `language.names.${language}`),
    ];
    expect(expected.filter((key) => !exists(key))).toEqual([]);
  });

  it('cover every node type, trigger, handle, problem, run status and error, category, provider kind and shortcut', () => {
    const expected = [
      ...nodeTypes.flatMap((type) => [
        `designer.nodeTypes.${type}.name`,
        `designer.nodeTypes.${type}.description`,
      ]),
      ...triggerKinds.flatMap((kind) => [
        `designer.triggerKinds.${kind}`,
        `designer.triggerKindHints.${kind}`,
      ]),
      ...['out', 'error', 'true', 'false', 'fallback', 'approved', 'rejected'].map(
        (h) => `designer.handles.${h}`,
      ),
      ...problemCodes.map((code) => `designer.problemCodes.${code}`),
      ...['active', ...runStepStatuses].map((mark) => `designer.live.${mark}`),
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
      ...agentStatuses.map((status) => `agents.status.${status}`),
      ...runStatuses.map((status) => `runs.status.${status}`),
      ...runErrorCodes.map((code) => `run.errorCodes.${code}`),
      ...runTriggers.map((trigger) => `runs.trigger.${trigger}`),
      ...runStepStatuses.map((status) => `run.stepStatus.${status}`),
      ...['day', 'agent', 'model', 'all'].map((g) => `runs.costs.grouping.${g}`),
      ...templateCategories.map((category) => `marketplace.categories.${category}`),
      ...providerKinds.flatMap((kind) => [`providers.kinds.${kind}`, `providers.form.urlHints.${kind}`]),
    ];
    expect(expected.filter((key) => !exists(key))).toEqual([]);
  });

  it('cover every Guardian check, strategy, action status and mode, incident severity, status and timeline kind, notification event and log level', () => {
    const expected = [
      ...checkIds.map((id) => `guardian.checks.${id}`),
      ...strategies.flatMap((s) => [
        `guardian.strategies.${s}.name`,
        `guardian.strategies.${s}.description`,
        `guardian.undo.${s}`,
      ]),
      ...actionStatuses.map((status) => `guardian.actionStatus.${status}`),
      ...autonomyModes.map((mode) => `guardian.autonomy.modes.${mode}`),
      ...historyRanges.flatMap((range) => [
        `guardian.history.ranges.${range}`,
        `guardian.history.short.${range}`,
      ]),
      ...historyResolutions.map((r) => `guardian.history.resolution.${r}`),
      ...actionTargetTypes.map((type) => `guardian.targets.${type}`),
      ...severities.flatMap((s) => [`incidents.severityNames.${s}`, `incidents.severityHints.${s}`]),
      ...incidentStatuses.map((status) => `incidents.status.${status}`),
      ...timelineKinds.map((kind) => `incident.timeline.kinds.${kind}`),
      ...notifyEvents.map((event) => `notifications.events.${eventKey(event)}`),
      ...['unsupported', 'default', 'granted', 'denied'].flatMap((p) => [
        `notifications.browser.state.${p}`,
        `notifications.browser.explain.${p}`,
      ]),
      ...logLevels.map((level) => `logs.levels.${level}`),
      ...['database', 'integrity', 'database_size', 'scheduler_drift', 'log_errors'].map(
        (id) => `guardian.messages.${id}`,
      ),
    ];
    expect(expected.filter((key) => !exists(key))).toEqual([]);
  });

  it('cover every backup kind, operation, phase, verification state and problem, and every transfer phase', () => {
    const expected = [
      ...backupProblemCodes.map((code) => `backups.problems.${code}`),
      'backups.problems.newer_version_unnamed',
      ...folderProblemCodes.map((code) => `backups.folder.problems.${code}`),
      'backups.folder.problemUnknown',
      'backups.verification.noReason',
      ...backupKinds.map((kind) => `backups.kinds.${kindKey(kind)}`),
      ...backupOperations.map((operation) => `backups.operations.${operation}`),
      ...backupPhases.map((phase) => `backups.phases.${phase}`),
      ...verificationStatuses.map((status) => `backups.verification.${status}`),
      ...secretStores.map((store) => `backups.settings.encryption.keyStore.${store}`),
      ...['folderRequired', 'folderAbsolute', 'range', 'time', 'nothingScheduled'].map(
        (key) => `backups.settings.errors.${key}`,
      ),
      ...['keepLast', 'daily', 'weekly', 'monthly'].map(
        (field) => `backups.settings.retention.fields.${field}`,
      ),
      ...transferPhases.map((phase) => `transfer.phases.${phase}`),
    ];
    expect(expected.filter((key) => !exists(key))).toEqual([]);
  });

  it('cover every API key scope, status and grace period, and every security event kind and severity', () => {
    const expected = [
      ...apiKeyScopes.map((scope) => `apiKeys.scopes.${scopeKey(scope)}`),
      ...apiKeyStatuses.map((status) => `apiKeys.status.${status}`),
      ...graceHourChoices.map((hours) => `apiKeys.grace.choices.h${hours}`),
      ...securityEventKinds.map((kind) => `security.kinds.${kind}`),
      ...securitySeverities.flatMap((severity) => [
        `security.severity.${severity}`,
        `security.severityAtLeast.${severity}`,
      ]),
      'audit.details.loginWrongCode',
      'audit.details.loginWrongBackupCode',
    ];
    expect(expected.filter((key) => !exists(key))).toEqual([]);
  });
});
