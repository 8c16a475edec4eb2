import type { GuardianCheck } from '../../../contract';
import type { AgentRunHealth as AgentHealth, ProviderActivity } from '../../agents/queries';
import type { SecurityEventCounts } from '../../security/queries';
import { message } from '../../lib/message';
import { check, grade } from './grade';

export const checkWindowMs = 15 * 60 * 1000;
const windowMinutes = checkWindowMs / 60_000;

/** Which strategy fits a failing agent: fall back for provider trouble, pause otherwise, retry when it is only flaky. */
function agentStrategy(h: AgentHealth, status: GuardianCheck['status']): GuardianCheck['strategy'] {
  const mostlyProvider = h.providerFailures * 2 > h.failed;
  if (status === 'warn') return mostlyProvider ? 'retry_with_backoff' : 'rollback_agent_version';
  if (mostlyProvider && h.hasFallback) return 'failover_model';
  return 'pause_agent';
}

/**
 * Each live agent's share of failed runs in the window. Test runs (the designer's test chat) are left
 * out by `runHealth`, and the message says so: a person who just tested a broken flow would
 * otherwise wonder why the rate stays at 0 %.
 */
export function agentErrorRateChecks(health: AgentHealth[]): GuardianCheck[] {
  if (health.length === 0)
    return [
      check(
        'agent_error_rate',
        'ok',
        message('guardian.agents.idle', { minutes: windowMinutes }),
        'No agent has run in the last 15 minutes (test runs are not counted).',
      ),
    ];
  return health.map((h) => {
    const rate = h.total === 0 ? 0 : h.failed / h.total;
    const percent = Math.round(rate * 100);
    const status = h.total >= 5 && rate >= 0.5 ? 'critical' : h.total >= 3 && rate >= 0.2 ? 'warn' : 'ok';
    return check(
      'agent_error_rate',
      status,
      message('guardian.agents.error_rate', {
        agent: h.name,
        failed: h.failed,
        count: h.total,
        percent,
        minutes: windowMinutes,
      }),
      `${h.failed} of ${h.total} runs of ${h.name} failed in the last 15 minutes (${percent}%). Test runs are not counted.`,
      {
        value: percent,
        unit: '%',
        target: { type: 'agent', id: h.agentId, name: h.name },
        strategy: agentStrategy(h, status),
      },
    );
  });
}

/** Each provider: the share of its model calls that answered and their latency, or its last test. */
export function providerChecks(providers: ProviderActivity[], now: number): GuardianCheck[] {
  return providers.map((provider) => {
    const target = { type: 'provider' as const, id: provider.id, name: provider.name };
    const samples = provider.answered + provider.failed;
    if (samples === 0) {
      const test = provider.lastTest;
      if (test && !test.ok && now - test.at < 60 * 60 * 1000)
        return check(
          'provider_availability',
          'warn',
          message('guardian.provider.test_failed', { provider: provider.name }),
          `${provider.name}: the last connection test failed (${test.text}).`,
          { target },
        );
      return check(
        'provider_availability',
        'ok',
        message('guardian.provider.idle', { provider: provider.name, minutes: windowMinutes }),
        `${provider.name}: no calls in the last 15 minutes.`,
        { target },
      );
    }
    const availability = Math.round((provider.answered / samples) * 100);
    const latency = Math.round(provider.averageLatencyMs ?? 0);
    const byAvailability = samples >= 3 ? grade(availability, 90, 50, true) : 'ok';
    const byLatency = provider.answered > 0 ? grade(latency, 10_000, 30_000) : 'ok';
    const status =
      byAvailability === 'critical' || byLatency === 'critical'
        ? 'critical'
        : byAvailability === 'warn' || byLatency === 'warn'
          ? 'warn'
          : 'ok';
    return check(
      'provider_availability',
      status,
      provider.answered > 0
        ? message('guardian.provider.answered_latency', {
            provider: provider.name,
            percent: availability,
            count: samples,
            ms: latency,
          })
        : message('guardian.provider.answered', {
            provider: provider.name,
            percent: availability,
            count: samples,
          }),
      `${provider.name}: ${availability}% of ${samples} calls answered${provider.answered > 0 ? `, ${latency} ms on average` : ''}.`,
      { value: availability, unit: '%', target },
    );
  });
}

export function securityEventsCheck(
  securityEvents: SecurityEventCounts,
  tenantId: string,
  now: number,
): GuardianCheck {
  // the threat detection's events of medium severity and above (bursts count once per window)
  const { total: n, high } = securityEvents.countSince(tenantId, now - checkWindowMs);
  return check(
    'security_events',
    grade(n, 1, 5),
    high > 0
      ? message('guardian.security_events_high', { count: n, high, minutes: windowMinutes })
      : message('guardian.security_events', { count: n, minutes: windowMinutes }),
    `${n} security events in the last 15 minutes${high > 0 ? `, ${high} of high severity` : ''}.`,
    { value: n, unit: '' },
  );
}
