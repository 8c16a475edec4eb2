import type Database from 'better-sqlite3';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import type { Logger } from '../lib/logger';

/** What the threat detection knows about. Hosts and core services report through record(). */
export const securityEventKinds = [
  'login_failed_burst',
  'credential_stuffing',
  'new_device_login',
  'privilege_change',
  'api_usage_spike',
  'injection_pattern',
  'csrf_failure',
  'origin_failure',
  'rate_limited',
  'ip_blocked',
  'revoked_key_used',
  'two_factor_disabled',
  'two_factor_reset',
] as const;
export type SecurityEventKind = (typeof securityEventKinds)[number];
export type SecuritySeverity = 'low' | 'medium' | 'high' | 'critical';

export interface SecuritySignal {
  kind: SecurityEventKind;
  /** The tenant it concerns, or null for the installation (e.g. an unknown IP probing). */
  tenantId: string | null;
  ip?: string | null;
  userId?: string | null;
  /** Never secrets: no passwords, tokens or keys. */
  details?: Record<string, unknown>;
}

export interface SecurityMonitorDeps {
  sqlite: Database.Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
}

/**
 * Threat detection and security events (issue 6). Stub until the security issue lands: record()
 * only logs, so hosts and services can already report what they see.
 */
export class SecurityMonitor {
  constructor(private readonly deps: SecurityMonitorDeps) {}

  record(signal: SecuritySignal): void {
    this.deps.logger.warn(
      { security: signal.kind, tenantId: signal.tenantId, ip: signal.ip },
      'security signal',
    );
  }

  stop(): void {}
}
