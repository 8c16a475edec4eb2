import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../db';
import {
  ipAllowed,
  securityEventKinds as contractKinds,
  type SecurityEvent,
  type SecuritySeverity as ContractSeverity,
  type Severity as IncidentSeverity,
} from '../../contract';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import type { Logger } from '../lib/logger';
import type { SignInHistory } from '../auth/sign-in-history';
import type { IncidentsService } from '../incidents/incidents-service';
import type { Notifier } from '../notify/types';
import { message } from '../lib/message';

/** What the threat detection knows about. Hosts and core services report through record(). */
export const securityEventKinds = contractKinds;
export type SecurityEventKind = (typeof securityEventKinds)[number];
export type SecuritySeverity = ContractSeverity;

export interface SecuritySignal {
  kind: SecurityEventKind;
  /** The tenant it concerns, or null for the installation (e.g. an unknown IP probing). */
  tenantId: string | null;
  ip?: string | null;
  userId?: string | null;
  /** Never secrets: no passwords, tokens or keys. */
  details?: Record<string, unknown>;
  /** Overrides the kind's default severity. */
  severity?: SecuritySeverity;
}

export interface SecurityMonitorDeps {
  sqlite: Database.Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  /** Where high and critical events open incidents (and, through them, notify). */
  incidents?: IncidentsService;
  /** Tells people about high and critical events when no incident could be opened. */
  notifier?: Notifier;
  /** The tenant installation-level incidents go to: the first tenant. */
  homeTenantId?: () => string | null;
  /** Failed sign-ins and earlier sessions, from the auth domain (its tables); read from `sqlite` by default. */
  signIns: SignInHistory;
}

export interface DetectionPolicy {
  /** Failed sign-ins of one account within burstWindowMs that make a burst. */
  burstFailures: number;
  burstWindowMs: number;
  /** Distinct accounts failing from one address within stuffingWindowMs that make credential stuffing. */
  stuffingAccounts: number;
  stuffingWindowMs: number;
  /** Repeats of a host signal (same kind, tenant and address) within this window count into one event. */
  signalWindowMs: number;
  /** How long events are kept. */
  retentionMs: number;
}

const minute = 60 * 1000;
export const defaultDetectionPolicy: DetectionPolicy = {
  burstFailures: 5,
  burstWindowMs: 5 * minute,
  stuffingAccounts: 10,
  stuffingWindowMs: 10 * minute,
  signalWindowMs: 10 * minute,
  retentionMs: 180 * 24 * 60 * minute,
};

export const defaultSeverity: Record<SecurityEventKind, SecuritySeverity> = {
  login_failed_burst: 'medium',
  credential_stuffing: 'high',
  new_device_login: 'low',
  privilege_change: 'medium',
  api_usage_spike: 'medium',
  injection_pattern: 'medium',
  csrf_failure: 'low',
  origin_failure: 'low',
  rate_limited: 'low',
  ip_blocked: 'low',
  revoked_key_used: 'high',
  two_factor_disabled: 'medium',
  two_factor_reset: 'medium',
  webhook_signature_invalid: 'medium',
};

const severityRank: Record<SecuritySeverity, number> = { low: 0, medium: 1, high: 2, critical: 3 };
export const severityAtLeast = (severity: SecuritySeverity, minimum: SecuritySeverity): boolean =>
  severityRank[severity] >= severityRank[minimum];

const incidentSeverity: Record<SecuritySeverity, IncidentSeverity> = {
  low: 'SEV4',
  medium: 'SEV3',
  high: 'SEV2',
  critical: 'SEV1',
};

const titles: Record<SecurityEventKind, string> = {
  login_failed_burst: 'Burst of failed sign-ins',
  credential_stuffing: 'Credential stuffing: many accounts failing from one address',
  new_device_login: 'Sign-in from a new device or address',
  privilege_change: 'Privileges changed',
  api_usage_spike: 'Unusual API usage',
  injection_pattern: 'Injection attempt',
  csrf_failure: 'Request without a valid CSRF token',
  origin_failure: 'Request from a foreign origin',
  rate_limited: 'Rate limit reached',
  ip_blocked: 'Request from an address outside the allow-list',
  revoked_key_used: 'A revoked API key was used',
  two_factor_disabled: 'Two-factor authentication turned off',
  two_factor_reset: 'Two-factor authentication reset',
  webhook_signature_invalid: 'Stripe webhook with an invalid signature',
};

/** Keys whose values are never kept, whatever a caller passes. */
const secretKey = /pass(word)?|secret|token|authori[sz]ation|cookie|^key$|api_?key$|^otp|^code$|hash$/i;

/** Drops secret-looking keys and trims long values so details stay small and harmless. */
export function sanitizeDetails(details: Record<string, unknown> | undefined): Record<string, unknown> {
  const clean: Record<string, unknown> = {};
  if (!details) return clean;
  for (const [key, value] of Object.entries(details).slice(0, 30)) {
    if (secretKey.test(key)) continue;
    if (typeof value === 'string') clean[key] = value.slice(0, 200);
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) clean[key] = value;
    else if (Array.isArray(value))
      clean[key] = value
        .slice(0, 20)
        .filter((v) => typeof v === 'string' || typeof v === 'number')
        .map((v) => (typeof v === 'string' ? v.slice(0, 100) : v));
  }
  return clean;
}

interface EventRow {
  id: string;
  tenant_id: string | null;
  at: number;
  last_at: number;
  kind: SecurityEventKind;
  severity: SecuritySeverity;
  ip: string | null;
  user_id: string | null;
  user_name: string | null;
  details: string;
  count: number;
  incident_id: string | null;
}

export function toSecurityEvent(row: EventRow): SecurityEvent {
  let details: Record<string, unknown> = {};
  try {
    details = JSON.parse(row.details) as Record<string, unknown>;
  } catch {
    // a damaged row still shows
  }
  return {
    id: row.id,
    tenantId: row.tenant_id,
    at: row.at,
    lastAt: row.last_at,
    kind: row.kind,
    severity: row.severity,
    ip: row.ip,
    userId: row.user_id,
    userName: row.user_name,
    count: row.count,
    details,
    incidentId: row.incident_id,
  };
}

export const eventSelect = `SELECT e.id, e.tenant_id, e.at, e.last_at, e.kind, e.severity, e.ip, e.user_id, u.name AS user_name,
       e.details, e.count, e.incident_id
  FROM security_events e LEFT JOIN users u ON u.id = e.user_id`;

const allowListKey = 'security.ipAllowList';
const monitorActor = { name: 'Security monitor' };

/**
 * Threat detection and security events (issue 6). Services and hosts report signals; the monitor
 * applies the detection rules, folds repeats into one event per window, keeps the events, opens
 * incidents for high and critical ones, and tells the tenant's admins live.
 */
export class SecurityMonitor {
  readonly policy: DetectionPolicy;
  private readonly insert;
  private readonly findRecent;
  private readonly bump;
  private readonly byId;
  private readonly setIncident;
  private readonly signIns: SignInHistory;
  private allowList: string[] | null = null;
  private readonly prune;
  private inserts = 0;

  constructor(
    private readonly deps: SecurityMonitorDeps,
    policy: Partial<DetectionPolicy> = {},
  ) {
    this.policy = { ...defaultDetectionPolicy, ...policy };
    const { sqlite } = deps;
    this.insert = sqlite.prepare(
      `INSERT INTO security_events (id, tenant_id, at, last_at, kind, severity, ip, user_id, details, count, dedupe_key)
       VALUES (@id, @tenantId, @at, @at, @kind, @severity, @ip, @userId, @details, @count, @dedupeKey)`,
    );
    this.findRecent = sqlite.prepare<[string, number], { id: string }>(
      'SELECT id FROM security_events WHERE dedupe_key = ? AND at >= ? ORDER BY at DESC LIMIT 1',
    );
    this.bump = sqlite.prepare(
      'UPDATE security_events SET count = @count, last_at = @at, details = @details WHERE id = @id',
    );
    this.byId = sqlite.prepare<[string], EventRow>(`${eventSelect} WHERE e.id = ?`);
    this.prune = sqlite.prepare('DELETE FROM security_events WHERE last_at < ?');
    this.setIncident = sqlite.prepare('UPDATE security_events SET incident_id = ? WHERE id = ?');
    this.signIns = deps.signIns;
  }

  /** Records a signal from a host or service. Never throws: security reporting must not break a call. */
  record(signal: SecuritySignal): void {
    try {
      this.store(
        signal,
        `${signal.kind}:${signal.tenantId ?? '-'}:${signal.ip ?? '-'}:${signal.userId ?? '-'}`,
        {
          windowMs: this.policy.signalWindowMs,
        },
      );
    } catch (error) {
      this.deps.logger.error({ err: error, security: signal.kind }, 'security signal could not be recorded');
    }
  }

  /**
   * A failed sign-in (already counted in login_failures by the throttle): checks for a burst on the
   * account and for credential stuffing from the address.
   */
  loginFailed(input: { email: string; ip: string | null; userId: string | null; tenantIds: string[] }): void {
    try {
      const now = this.deps.clock.now();
      const n = this.signIns.failuresOfEmailSince(input.email, now - this.policy.burstWindowMs);
      if (n >= this.policy.burstFailures) {
        for (const tenantId of input.tenantIds.length > 0 ? input.tenantIds : [null]) {
          this.store(
            {
              kind: 'login_failed_burst',
              tenantId,
              ip: input.ip,
              userId: input.userId,
              details: { email: input.email, failures: n },
            },
            `login_failed_burst:${tenantId ?? '-'}:${input.email}`,
            { windowMs: this.policy.burstWindowMs, setCount: n },
          );
        }
      }
      if (input.ip) {
        const from = this.signIns.failuresFromIpSince(input.ip, now - this.policy.stuffingWindowMs);
        if (from.accounts >= this.policy.stuffingAccounts) {
          // installation-level: the accounts may belong to many tenants, so none of their names is kept
          this.store(
            {
              kind: 'credential_stuffing',
              tenantId: null,
              ip: input.ip,
              details: { accounts: from.accounts, failures: from.failures },
            },
            `credential_stuffing:${input.ip}`,
            { windowMs: this.policy.stuffingWindowMs, setCount: from.failures },
          );
        }
      }
    } catch (error) {
      this.deps.logger.error({ err: error }, 'failed sign-in could not be checked');
    }
  }

  /** Before a new session starts: a sign-in from an address or device the user never used is worth a note. */
  loginSucceeded(input: {
    userId: string;
    tenantId: string;
    ip: string | null;
    userAgent: string | null;
  }): void {
    try {
      const prior = this.signIns.priorSessions(input.userId);
      if (prior.length === 0) return; // the first sign-in has nothing to compare with
      const newIp = input.ip !== null && !prior.some((s) => s.ip === input.ip);
      const newDevice =
        input.userAgent !== null && !prior.some((s) => s.userAgent === input.userAgent?.slice(0, 300));
      if (!newIp && !newDevice) return;
      this.store(
        {
          kind: 'new_device_login',
          tenantId: input.tenantId,
          ip: input.ip,
          userId: input.userId,
          details: { newIp, newDevice, device: describeDevice(input.userAgent) },
        },
        null,
      );
    } catch (error) {
      this.deps.logger.error({ err: error }, 'sign-in could not be checked');
    }
  }

  /** A role or platform-admin change. */
  privilegeChanged(input: {
    tenantId: string | null;
    actorId: string | null;
    targetUserId: string;
    from: string;
    to: string;
    ip?: string | null;
  }): void {
    if (input.from === input.to) return;
    try {
      this.store(
        {
          kind: 'privilege_change',
          tenantId: input.tenantId,
          ip: input.ip ?? null,
          userId: input.targetUserId,
          details: { from: input.from, to: input.to, byUserId: input.actorId },
        },
        null,
      );
    } catch (error) {
      this.deps.logger.error({ err: error }, 'privilege change could not be recorded');
    }
  }

  /** The installation's IP allow-list (CIDR ranges); empty allows every address. */
  ipAllowList(): string[] {
    if (this.allowList === null) {
      const row = this.deps.sqlite.prepare('SELECT value FROM app_meta WHERE key = ?').get(allowListKey) as
        { value: string } | undefined;
      try {
        this.allowList = row ? (JSON.parse(row.value) as string[]) : [];
      } catch {
        this.allowList = [];
      }
    }
    return this.allowList;
  }

  saveIpAllowList(list: string[]): string[] {
    const unique = [...new Set(list.map((entry) => entry.trim()))];
    this.deps.sqlite
      .prepare(
        'INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(allowListKey, JSON.stringify(unique));
    this.allowList = unique;
    return unique;
  }

  ipAllowed(ip: string): boolean {
    return ipAllowed(ip, this.ipAllowList());
  }

  private store(
    signal: SecuritySignal,
    dedupeKey: string | null,
    window?: { windowMs: number; setCount?: number },
  ): SecurityEvent {
    const now = this.deps.clock.now();
    const details = sanitizeDetails(signal.details);
    const severity = signal.severity ?? defaultSeverity[signal.kind];
    const existing = dedupeKey && window ? this.findRecent.get(dedupeKey, now - window.windowMs) : undefined;
    if (existing) {
      const row = this.byId.get(existing.id)!;
      const count = window?.setCount ?? row.count + 1;
      this.bump.run({ id: row.id, count, at: now, details: JSON.stringify(details) });
      const event = toSecurityEvent(this.byId.get(row.id)!);
      this.emit(event);
      return event;
    }
    const id = uuidv7(now);
    this.insert.run({
      id,
      tenantId: signal.tenantId,
      at: now,
      kind: signal.kind,
      severity,
      ip: signal.ip ?? null,
      userId: signal.userId ?? null,
      details: JSON.stringify(details),
      count: window?.setCount ?? 1,
      dedupeKey,
    });
    // events are kept for retentionMs; pruned now and then rather than on every insert
    if (++this.inserts % 100 === 1) this.prune.run(now - this.policy.retentionMs);
    this.deps.logger.warn(
      { security: signal.kind, severity, tenantId: signal.tenantId, ip: signal.ip },
      'security event',
    );
    if (severityAtLeast(severity, 'high')) this.raise(id, signal, severity, details);
    const event = toSecurityEvent(this.byId.get(id)!);
    this.emit(event);
    return event;
  }

  /** High and critical events open an incident (the home tenant's for installation-level ones). */
  private raise(
    eventId: string,
    signal: SecuritySignal,
    severity: SecuritySeverity,
    details: Record<string, unknown>,
  ): void {
    const tenantId = signal.tenantId ?? this.deps.homeTenantId?.() ?? null;
    if (!tenantId) return;
    const title = titles[signal.kind];
    const description = [
      `${title}${signal.ip ? ` from ${signal.ip}` : ''}.`,
      ...Object.entries(details).map(([key, value]) => `${key}: ${JSON.stringify(value)}`),
      'See Security for the events.',
    ].join('\n');
    const { incidents } = this.deps;
    if (incidents) {
      const dedupeKey = `security:${signal.kind}:${signal.ip ?? signal.userId ?? '-'}`;
      const open = incidents.openByDedupe(tenantId, dedupeKey);
      const { kind, ip } = signal;
      const incident =
        open ??
        incidents.create(
          tenantId,
          {
            title,
            description,
            titleMessage: message('incidents.security.title', { kind }),
            descriptionMessage: ip
              ? message('incidents.security.description_ip', { kind, ip })
              : message('incidents.security.description', { kind }),
            severity: incidentSeverity[severity],
            source: 'security',
            dedupeKey,
          },
          monitorActor,
        );
      if (open) {
        incidents.note(
          tenantId,
          open.id,
          {
            text: `Seen again: ${description}`,
            message: ip
              ? message('incidents.timeline.seen_again_ip', { kind, ip })
              : message('incidents.timeline.seen_again', { kind }),
          },
          monitorActor,
        );
      }
      this.setIncident.run(incident.id, eventId);
    } else if (this.deps.notifier) {
      void this.deps.notifier.notify(tenantId, {
        event: 'incident.opened',
        severity: incidentSeverity[severity],
        title,
        body: description,
        titleMessage: message('incidents.security.title', { kind: signal.kind }),
        bodyMessages: [
          signal.ip
            ? message('incidents.security.description_ip', { kind: signal.kind, ip: signal.ip })
            : message('incidents.security.description', { kind: signal.kind }),
        ],
        link: '#/security',
      });
    }
  }

  private emit(event: SecurityEvent): void {
    this.deps.events.emit('security.event', event, { kind: 'admins', tenantId: event.tenantId });
  }

  stop(): void {}
}

/** "Chrome on Windows", "Mindframe desktop", "Firefox on Linux"; enough to recognise a device. */
export function describeDevice(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Unknown device';
  const ua = userAgent;
  if (/Electron|Mindframe/i.test(ua)) return 'Mindframe desktop';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\//.test(ua)
      ? 'Opera'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrom(e|ium)\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : /curl|node|undici|axios|python|Go-http/i.test(ua)
              ? 'Script'
              : 'Browser';
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Mac OS X|Macintosh/.test(ua)
        ? 'macOS'
        : /Android/.test(ua)
          ? 'Android'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  return os ? `${browser} on ${os}` : browser;
}
