import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../contract';
import { filterInput, matchesFilters, noFilters } from './conversation-text';

const conversation: ConversationSummary = {
  id: '0190f6a2-1234-7abc-8def-0123456789ab',
  channelId: '0190f6a2-1234-7abc-8def-0123456789ac',
  channelName: 'Website',
  channelKind: 'web',
  agentId: '0190f6a2-1234-7abc-8def-0123456789ad',
  agentName: 'Workshop assistant',
  status: 'open',
  language: 'nb',
  intent: null,
  sentiment: null,
  rating: null,
  contact: null,
  preview: 'Når er dere åpne?',
  messageCount: 2,
  personAnswered: false,
  createdAt: 1_000,
  updatedAt: 2_000,
  closedAt: null,
};

describe('the agent filter of the conversations list', () => {
  it('is sent to conversations.list and the export only when set', () => {
    expect(filterInput(noFilters)).toEqual({});
    expect(filterInput({ ...noFilters, agentId: 'a1', status: 'open' })).toEqual({
      agentId: 'a1',
      status: 'open',
    });
  });

  it('keeps a live update of another agent out of the list', () => {
    expect(matchesFilters(conversation, { ...noFilters, agentId: conversation.agentId! })).toBe(true);
    expect(matchesFilters(conversation, { ...noFilters, agentId: 'another-agent' })).toBe(false);
    expect(matchesFilters({ ...conversation, agentId: null }, { ...noFilters, agentId: 'a1' })).toBe(false);
    expect(matchesFilters(conversation, noFilters)).toBe(true);
  });

  it('filters by channel kind (the Insight drill-down: every e-mail channel)', () => {
    expect(filterInput({ ...noFilters, channelKind: 'email' })).toEqual({ channelKind: 'email' });
    expect(matchesFilters(conversation, { ...noFilters, channelKind: 'web' })).toBe(true);
    expect(matchesFilters(conversation, { ...noFilters, channelKind: 'email' })).toBe(false);
  });
});
