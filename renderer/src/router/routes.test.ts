import { describe, expect, it } from 'vitest';
import {
  agentPath,
  conversationPath,
  conversationsOfAgentPath,
  forgotPasswordPath,
  guardianActionPath,
  incidentPath,
  ticketPath,
  parseHash,
  resetPasswordPath,
  runPath,
  runsOfAgentPath,
  sectionOf,
} from './routes';

describe('parseHash', () => {
  it('maps the empty hash and #/ to the dashboard', () => {
    expect(parseHash('')).toEqual({ name: 'dashboard' });
    expect(parseHash('#/')).toEqual({ name: 'dashboard' });
  });

  it('maps pages, ignoring a trailing slash', () => {
    expect(parseHash('#/team')).toEqual({ name: 'team' });
    expect(parseHash('#/business')).toEqual({ name: 'business' });
    expect(parseHash('#/audit/')).toEqual({ name: 'audit' });
    expect(parseHash('#/organisations')).toEqual({ name: 'organisations' });
    expect(parseHash('#/marketplace')).toEqual({ name: 'marketplace' });
    expect(parseHash('#/agents')).toEqual({ name: 'agents' });
    expect(parseHash('#/runs')).toEqual({ name: 'runs' });
    expect(parseHash('#/runs/costs')).toEqual({ name: 'costs' });
    expect(parseHash('#/knowledge')).toEqual({ name: 'knowledge' });
    expect(parseHash('#/providers')).toEqual({ name: 'providers' });
    expect(parseHash('#/guardian')).toEqual({ name: 'guardian' });
    expect(parseHash('#/incidents')).toEqual({ name: 'incidents' });
    expect(parseHash('#/incidents/escalation')).toEqual({ name: 'escalation' });
    expect(parseHash('#/logs')).toEqual({ name: 'logs' });
    expect(parseHash('#/notifications')).toEqual({ name: 'notifications' });
    expect(parseHash('#/settings/notifications')).toEqual({ name: 'notifications' });
    expect(parseHash('#/backups')).toEqual({ name: 'backups' });
    expect(parseHash('#/export')).toEqual({ name: 'dataExport' });
    expect(parseHash('#/account')).toEqual({ name: 'account' });
    expect(parseHash('#/api-keys')).toEqual({ name: 'apiKeys' });
    expect(parseHash('#/security/')).toEqual({ name: 'security' });
  });

  it("reads the billing pages; Checkout's return pages belong to Plan & billing", () => {
    expect(parseHash('#/billing')).toEqual({ name: 'billing' });
    expect(parseHash('#/billing/success?session_id=cs_test_a1B2')).toEqual({ name: 'billingSuccess' });
    expect(parseHash('#/billing/cancelled')).toEqual({ name: 'billingCancelled' });
    expect(parseHash('#/platform/billing')).toEqual({ name: 'platformBilling' });
    expect(sectionOf(parseHash('#/billing/success?session_id=cs_test_a1B2'))).toBe('billing');
    expect(sectionOf(parseHash('#/billing/cancelled'))).toBe('billing');
    expect(sectionOf(parseHash('#/platform/billing'))).toBe('platformBilling');
  });

  it('reads incident ids; the escalation page and incidents belong to Incidents', () => {
    const id = '0190f6a2-1234-7abc-8def-0123456789ab';
    expect(parseHash(incidentPath(id))).toEqual({ name: 'incident', incidentId: id });
    expect(sectionOf(parseHash(incidentPath(id)))).toBe('incidents');
    expect(sectionOf(parseHash('#/incidents/escalation'))).toBe('incidents');
    expect(parseHash(guardianActionPath(id))).toEqual({ name: 'guardian', actionId: id });
  });

  it('reads the invitation and reset tokens, and the forgot-password page', () => {
    expect(parseHash('#/invite/abc_DEF-123')).toEqual({ name: 'invite', token: 'abc_DEF-123' });
    expect(parseHash('#/reset/abc_DEF-123')).toEqual({ name: 'reset', token: 'abc_DEF-123' });
    expect(parseHash(resetPasswordPath('abc_DEF-123'))).toEqual({ name: 'reset', token: 'abc_DEF-123' });
    expect(parseHash(forgotPasswordPath)).toEqual({ name: 'forgot' });
  });

  it('reads agent and run ids, and the runs filter', () => {
    const id = '0190f6a2-1234-7abc-8def-0123456789ab';
    expect(parseHash(agentPath(id))).toEqual({ name: 'agent', agentId: id });
    expect(parseHash(runPath(id))).toEqual({ name: 'run', runId: id });
    expect(parseHash(runsOfAgentPath(id))).toEqual({ name: 'runs', agentId: id });
    expect(sectionOf(parseHash(agentPath(id)))).toBe('agents');
    expect(sectionOf(parseHash(runPath(id)))).toBe('runs');
  });

  it('reads the conversations page and a conversation', () => {
    const id = '0190f6a2-1234-7abc-8def-0123456789ab';
    expect(parseHash('#/conversations')).toEqual({ name: 'conversations' });
    expect(parseHash(conversationPath(id))).toEqual({ name: 'conversation', conversationId: id });
    expect(sectionOf(parseHash(conversationPath(id)))).toBe('conversations');
  });

  it('reads and builds the conversations of one agent, kept in the Conversations section', () => {
    const id = '0190f6a2-1234-7abc-8def-0123456789ab';
    expect(conversationsOfAgentPath(id)).toBe(`#/conversations?agent=${id}`);
    expect(parseHash(conversationsOfAgentPath(id))).toEqual({ name: 'conversations', agentId: id });
    expect(sectionOf(parseHash(conversationsOfAgentPath(id)))).toBe('conversations');
    expect(parseHash('#/conversations?agent=')).toEqual({ name: 'conversations' });
    // the Insight drill-down: a channel, a language and days; nonsense is dropped
    expect(parseHash('#/conversations?channel=ch_1&language=nb&from=2026-12-01&to=2026-12-07')).toEqual({
      name: 'conversations',
      filters: { channelId: 'ch_1', language: 'nb', from: '2026-12-01', to: '2026-12-07' },
    });
    expect(parseHash('#/conversations?language=xx&from=yesterday')).toEqual({ name: 'conversations' });
    // a channel kind (insight counts channels by kind): every e-mail channel; unknown kinds are dropped
    expect(parseHash('#/conversations?kind=email&language=nb&from=2026-12-01&to=2026-12-07')).toEqual({
      name: 'conversations',
      filters: { channelKind: 'email', language: 'nb', from: '2026-12-01', to: '2026-12-07' },
    });
    expect(parseHash('#/conversations?kind=fax')).toEqual({ name: 'conversations' });
    expect(parseHash(conversationsOfAgentPath('a b/c'))).toEqual({ name: 'conversations', agentId: 'a b/c' });
  });

  it('reads the inbox and one ticket in it, both the Inbox section', () => {
    const id = '0190f6a2-1234-7abc-8def-0123456789ab';
    expect(parseHash('#/inbox')).toEqual({ name: 'inbox' });
    expect(parseHash(ticketPath(id))).toEqual({ name: 'inbox', ticketId: id });
    expect(sectionOf(parseHash(ticketPath(id)))).toBe('inbox');
  });

  it('reports anything else as not found', () => {
    expect(parseHash('#/nope')).toEqual({ name: 'notFound' });
    expect(parseHash('#/invite/')).toEqual({ name: 'notFound' });
    expect(parseHash('#/agents/a/b')).toEqual({ name: 'notFound' });
  });
});
