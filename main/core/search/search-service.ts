import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../db';
import {
  isLanguage,
  roleRank,
  type Language,
  type LogLine,
  type Message,
  type Role,
  type SearchItem,
  type SearchKind,
} from '../../contract';
import type { Clock } from '../lib/clock';
import type { EventBus, EventEnvelope } from '../lib/events';
import type { Logger } from '../lib/logger';
import type { SearchRecord, SearchSource } from '../lib/search/source';
import { fold, queryWords, snippetAround, textWords, trigramMatch, wordCloseness, wordsMatch } from './fuzzy';

/** The kinds kept in search_docs (help articles and log lines are searched where they live). */
export type IndexedKind = Exclude<SearchKind, 'help' | 'log'>;

/** What global search reads from the other domains: one source per kind, and a few look-ups. */
export interface SearchPorts {
  sources: Record<IndexedKind, SearchSource>;
  /** The installation's organisations (the index is built for each at start). */
  tenantIds(): string[];
  /** A template's name and description in a language (templates are the installation's). */
  templateText?(id: string, language: Language): { title: string; subtitle: string } | null;
  /** An incident's title as the core wrote it (a message the app says in the reader's language). */
  incidentTitle?(tenantId: string, id: string): Message | null;
  /** Help articles (`services.help.search`); absent until the help center is wired. */
  help?(): HelpSearch | undefined;
  /** Recent log lines with a text (admins; a tenant admin sees their tenant's lines only). */
  logs?(query: { q: string; limit: number; tenantId?: string }): Promise<{ lines: LogLine[] }>;
}

export interface HelpSearch {
  search(
    language: Language,
    q: string,
    limit: number,
  ): { slug: string; title: string; section: string; snippet: string }[];
}

/** Who searches: the tenant, the effective role, and whether they may read every tenant's log. */
export interface Searcher {
  tenantId: string;
  userId: string;
  role: Role;
  isPlatformAdmin: boolean;
  language: Language;
}

/** The least role that sees each indexed kind (members' e-mail addresses: administrators). */
export const minRoleOf: Record<IndexedKind, Role> = {
  agent: 'viewer',
  template: 'viewer',
  run: 'viewer',
  conversation: 'viewer',
  ticket: 'viewer',
  incident: 'viewer',
  member: 'admin',
};

/** How much a kind's match weighs against another's (people look for agents and incidents first). */
export const kindWeights: Record<SearchKind, number> = {
  agent: 1.6,
  incident: 1.35,
  member: 1.3,
  ticket: 1.25,
  help: 1.1,
  template: 1.0,
  conversation: 1.0,
  run: 0.8,
  log: 0.6,
};

export function routeOf(kind: SearchKind, id: string): string {
  const at = encodeURIComponent(id);
  switch (kind) {
    case 'agent':
      return `#/agents/${at}`;
    case 'template':
      return `#/marketplace?template=${at}`;
    case 'run':
      return `#/runs/${at}`;
    case 'conversation':
      return `#/conversations/${at}`;
    case 'ticket':
      return `#/inbox/${at}`;
    case 'incident':
      return `#/incidents/${at}`;
    case 'member':
      return '#/team';
    case 'log':
      return '#/logs';
    case 'help':
      return `#/help/${at}`;
  }
}

interface DocRow {
  kind: IndexedKind;
  recordId: string;
  title: string;
  body: string;
  route: string;
  updatedAt: number;
  rank: number;
}

interface Scored {
  kind: SearchKind;
  score: number;
  /** The result as answered (made only for the results chosen). */
  item: () => SearchItem;
}

/** search_docs.body: the subtitle, the status and the words, one per line (the first two findable too). */
function bodyOf(record: SearchRecord): string {
  const line = (text: string) => text.replace(/[\r\n]+/g, ' ');
  return `${line(record.subtitle)}\n${line(record.status ?? '')}\n${record.body}`;
}

function partsOf(body: string): { subtitle: string; status: string; words: string } {
  const first = body.indexOf('\n');
  const second = first < 0 ? -1 : body.indexOf('\n', first + 1);
  if (first < 0 || second < 0) return { subtitle: '', status: '', words: body };
  return {
    subtitle: body.slice(0, first),
    status: body.slice(first + 1, second),
    words: body.slice(second + 1),
  };
}

const roleRankSql = `(CASE d.min_role WHEN 'viewer' THEN 0 WHEN 'operator' THEN 1 WHEN 'admin' THEN 2 ELSE 3 END)`;
const rebuildBatch = 400;
const logSearchTimeoutMs = 250;

/**
 * Global search: keeps search_docs in step with what the domains offer (a full pass per tenant at
 * start, in the background and in small batches; then per change, from the domains' events) and
 * answers `search.query` from search_fts (words, prefixes, bm25) with search_trigram for typing
 * errors when the words find too little.
 */
export class SearchService {
  private readonly statements;
  private readonly pending = new Map<string, Set<string>>();
  private flushTimer: NodeJS.Timeout | undefined;
  private logTimer: NodeJS.Timeout | undefined;
  private readonly searches: {
    id: string;
    tenantId: string;
    userId: string;
    query: string;
    language: string;
    resultCount: number;
    now: number;
  }[] = [];
  private rebuildTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopped = true;
  /** Set by stop(): a running full pass ends after its batch. */
  private closing = false;
  /** Tenants whose full pass is running or queued. */
  private readonly building = new Set<string>();

  constructor(
    private readonly deps: {
      sqlite: Database.Database;
      clock: Clock;
      events: EventBus;
      logger: Logger;
      ports: SearchPorts;
    },
  ) {
    const s = deps.sqlite;
    this.statements = {
      upsert: s.prepare<{
        tenantId: string;
        kind: string;
        recordId: string;
        title: string;
        body: string;
        minRole: string;
        route: string;
        updatedAt: number;
      }>(
        `INSERT INTO search_docs (tenant_id, kind, record_id, title, body, min_role, route, updated_at)
         VALUES (@tenantId, @kind, @recordId, @title, @body, @minRole, @route, @updatedAt)
         ON CONFLICT (tenant_id, kind, record_id) DO UPDATE SET
           title = excluded.title, body = excluded.body, min_role = excluded.min_role,
           route = excluded.route, updated_at = excluded.updated_at
         WHERE search_docs.title <> excluded.title OR search_docs.body <> excluded.body
            OR search_docs.min_role <> excluded.min_role OR search_docs.route <> excluded.route
            OR search_docs.updated_at <> excluded.updated_at`,
      ),
      remove: s.prepare<{ tenantId: string; kind: string; recordId: string }>(
        'DELETE FROM search_docs WHERE tenant_id = @tenantId AND kind = @kind AND record_id = @recordId',
      ),
      idsOfKind: s.prepare<{ tenantId: string; kind: string }, { recordId: string }>(
        'SELECT record_id AS recordId FROM search_docs WHERE tenant_id = @tenantId AND kind = @kind',
      ),
      // the best matches of the tenant first (bm25 over the index alone), then their documents
      words: s.prepare<{ tenantId: string; match: string; rank: number; limit: number }, DocRow>(
        `SELECT d.kind, d.record_id AS recordId, d.title, d.body, d.route, d.updated_at AS updatedAt, f.rank
           FROM (SELECT tenant_id, kind, record_id, bm25(search_fts, 0, 0, 0, 10.0, 1.0) AS rank
                   FROM search_fts WHERE search_fts MATCH @match AND tenant_id = @tenantId
                  ORDER BY rank LIMIT @limit) f
           JOIN search_docs d ON d.tenant_id = f.tenant_id AND d.kind = f.kind AND d.record_id = f.record_id
          WHERE ${roleRankSql} <= @rank`,
      ),
      trigrams: s.prepare<{ tenantId: string; match: string; rank: number; limit: number }, DocRow>(
        `SELECT d.kind, d.record_id AS recordId, d.title, d.body, d.route, d.updated_at AS updatedAt, t.rank
           FROM (SELECT tenant_id, kind, record_id, bm25(search_trigram) AS rank
                   FROM search_trigram WHERE search_trigram MATCH @match AND tenant_id = @tenantId
                  ORDER BY rank LIMIT @limit) t
           JOIN search_docs d ON d.tenant_id = t.tenant_id AND d.kind = t.kind AND d.record_id = t.record_id
          WHERE ${roleRankSql} <= @rank`,
      ),
      log: s.prepare<{
        id: string;
        tenantId: string;
        userId: string;
        query: string;
        language: string;
        resultCount: number;
        now: number;
      }>(
        `INSERT INTO search_log (id, tenant_id, user_id, query, language, result_count, created_at)
         VALUES (@id, @tenantId, @userId, @query, @language, @resultCount, @now)`,
      ),
      language: s.prepare<{ userId: string }, { language: string | null }>(
        'SELECT language FROM users WHERE id = @userId',
      ),
      opened: s.prepare<{ id: string; tenantId: string; userId: string; kind: string; recordId: string }>(
        `UPDATE search_log SET opened_kind = @kind, opened_id = @recordId
          WHERE id = @id AND tenant_id = @tenantId AND user_id = @userId`,
      ),
    };
    // changes are followed from the start (the full pass only catches up with what happened before)
    this.unsubscribe = deps.events.subscribe((envelope) => this.onEvent(envelope));
  }

  // ── keeping the index ─────────────────────────────────────────────────────────────────────────

  /** Indexes (or drops, when gone) one record now. */
  refresh(tenantId: string, kind: IndexedKind, id: string): void {
    const record = this.deps.ports.sources[kind].one(tenantId, id);
    if (record) this.put(tenantId, kind, record);
    else this.statements.remove.run({ tenantId, kind, recordId: id });
  }

  private put(tenantId: string, kind: IndexedKind, record: SearchRecord): void {
    this.statements.upsert.run({
      tenantId,
      kind,
      recordId: record.id,
      title: record.title,
      body: bodyOf(record),
      minRole: minRoleOf[kind],
      route: routeOf(kind, record.id),
      updatedAt: record.updatedAt,
    });
  }

  /**
   * A full pass over one tenant: every record of every kind written (unchanged rows are left alone,
   * so the FTS tables are not rewritten), records that are gone dropped. Batches of a few hundred in
   * their own transaction, the event loop free between them.
   */
  async rebuild(tenantId: string): Promise<{ docs: number }> {
    let docs = 0;
    for (const kind of Object.keys(this.deps.ports.sources) as IndexedKind[]) {
      const source = this.deps.ports.sources[kind];
      const stale = new Set(this.statements.idsOfKind.all({ tenantId, kind }).map((row) => row.recordId));
      let after = '';
      for (;;) {
        if (this.closing) break;
        const records = source.page(tenantId, after, rebuildBatch);
        if (records.length === 0) break;
        this.deps.sqlite.transaction(() => {
          for (const record of records) {
            this.put(tenantId, kind, record);
            stale.delete(record.id);
          }
        })();
        docs += records.length;
        after = (records[records.length - 1] as SearchRecord).id;
        if (records.length < rebuildBatch) break;
        await new Promise((resolve) => setImmediate(resolve));
        if (!this.deps.sqlite.open) return { docs };
      }
      if (stale.size > 0)
        this.deps.sqlite.transaction(() => {
          for (const recordId of stale) this.statements.remove.run({ tenantId, kind, recordId });
        })();
    }
    return { docs };
  }

  /** Builds every tenant's index in the background, one after another. */
  private rebuildAll(): void {
    const tenants = this.deps.ports.tenantIds();
    for (const tenantId of tenants) this.building.add(tenantId);
    const started = this.deps.clock.now();
    void (async () => {
      let docs = 0;
      for (const tenantId of tenants) {
        if (this.stopped || !this.deps.sqlite.open) return;
        try {
          docs += (await this.rebuild(tenantId)).docs;
        } catch (error) {
          this.deps.logger.warn({ module: 'search', err: error, tenantId }, 'search index pass failed');
        } finally {
          this.building.delete(tenantId);
        }
      }
      this.deps.logger.info(
        { module: 'search', tenants: tenants.length, docs, ms: this.deps.clock.now() - started },
        'search index up to date',
      );
    })();
  }

  private note(tenantId: string, kind: IndexedKind, id: string): void {
    const key = `${tenantId}\u0000${kind}`;
    let ids = this.pending.get(key);
    if (!ids) this.pending.set(key, (ids = new Set()));
    ids.add(id);
    // changes come in bursts (a conversation's messages, a run's steps): written together, shortly after
    this.flushTimer ??= setTimeout(() => this.flush(), 150);
    this.flushTimer.unref?.();
  }

  /** Writes what changed since the last flush (tests call it to skip the wait). */
  flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!this.deps.sqlite.open) return;
    const work = [...this.pending];
    this.pending.clear();
    try {
      this.deps.sqlite.transaction(() => {
        for (const [key, ids] of work) {
          const [tenantId, kind] = key.split('\u0000') as [string, IndexedKind];
          for (const id of ids) this.refresh(tenantId, kind, id);
        }
      })();
    } catch (error) {
      this.deps.logger.warn({ module: 'search', err: error }, 'search index update failed');
    }
  }

  private onEvent(envelope: EventEnvelope): void {
    const tenantId =
      envelope.to.kind === 'tenant' || envelope.to.kind === 'admins' ? envelope.to.tenantId : null;
    if (!tenantId) return;
    const payload = envelope.payload as Record<string, unknown>;
    switch (envelope.name) {
      case 'conversation.changed': {
        const conversation = payload.conversation as { id: string };
        this.note(tenantId, 'conversation', conversation.id);
        return;
      }
      case 'ticket.changed':
        this.note(tenantId, 'ticket', (payload.ticket as { id: string }).id);
        return;
      case 'incident.changed':
        this.note(tenantId, 'incident', payload.id as string);
        return;
      case 'run.finished':
        this.note(tenantId, 'run', payload.id as string);
        this.note(tenantId, 'agent', payload.agentId as string);
        return;
      case 'members.changed':
        this.note(tenantId, 'member', payload.userId as string);
        return;
      case 'audit.appended': {
        // agents have no event of their own: their audit entries say what changed
        const { targetType, targetId, action } = payload as {
          targetType: string | null;
          targetId: string | null;
          action: string;
        };
        if (targetId && (targetType === 'agent' || action.startsWith('agents.')))
          this.note(tenantId, 'agent', targetId);
        if (targetId && targetType === 'user') this.note(tenantId, 'member', targetId);
        return;
      }
      default:
        return;
    }
  }

  /** The full pass over every tenant, shortly after start (the app answers first). */
  start(delayMs = 1_500): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.rebuildTimer = setTimeout(() => this.rebuildAll(), delayMs);
    this.rebuildTimer.unref?.();
  }

  stop(): void {
    this.stopped = true;
    this.closing = true;
    clearTimeout(this.rebuildTimer);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.flush();
    this.writeSearches();
  }

  /** The language a person chose in the app (English when none). */
  languageOf(userId: string): Language {
    const language = this.statements.language.get({ userId })?.language;
    return isLanguage(language) ? language : 'en';
  }

  // ── answering ─────────────────────────────────────────────────────────────────────────────────

  /** The records a searcher may see that match `q`, best first, and the search's entry in the log. */
  async query(searcher: Searcher, q: string, limit = 20): Promise<{ items: SearchItem[]; logId: string }> {
    this.flush();
    const words = queryWords(q);
    const now = this.deps.clock.now();
    // the log files are read meanwhile
    const logLines = this.logItems(searcher, words);
    const scored = words.length === 0 ? [] : this.records(searcher, words, now);
    const help = this.helpItems(searcher, q, words);
    const items = pick([...scored, ...help, ...(await logLines)], limit);
    const logId = uuidv7(now);
    // written together shortly after (one transaction for a burst of keystrokes, not one sync each)
    this.searches.push({
      id: logId,
      tenantId: searcher.tenantId,
      userId: searcher.userId,
      query: q.trim().slice(0, 200),
      language: searcher.language,
      resultCount: items.length,
      now,
    });
    this.logTimer ??= setTimeout(() => this.writeSearches(), 250);
    this.logTimer.unref?.();
    return { items: items.map((entry) => this.localised(searcher, entry.item())), logId };
  }

  /** Writes the searches made since the last write into search_log. */
  writeSearches(): void {
    clearTimeout(this.logTimer);
    this.logTimer = undefined;
    const searches = this.searches.splice(0);
    if (searches.length === 0 || !this.deps.sqlite.open) return;
    try {
      this.deps.sqlite.transaction(() => {
        for (const search of searches) this.statements.log.run(search);
      })();
    } catch (error) {
      // searching still works when searches cannot be logged (a full disk)
      this.deps.logger.warn({ module: 'search', err: error, count: searches.length }, 'searches not logged');
    }
  }

  /** Records what a search led to (the searcher's own search of their tenant; others are ignored). */
  opened(searcher: Searcher, logId: string, kind: SearchKind, id: string): void {
    this.writeSearches();
    this.statements.opened.run({
      id: logId,
      tenantId: searcher.tenantId,
      userId: searcher.userId,
      kind,
      recordId: id,
    });
  }

  private records(searcher: Searcher, words: string[], now: number): Scored[] {
    const rank = roleRank(searcher.role);
    const rows = this.statements.words.all({
      tenantId: searcher.tenantId,
      match: wordsMatch(words),
      rank,
      limit: 60,
    });
    const found = new Map<string, Scored>();
    for (const row of rows) {
      const score = -row.rank * this.boost(row, words, now);
      found.set(`${row.kind}:${row.recordId}`, {
        kind: row.kind,
        item: () => this.itemOf(row, words),
        score,
      });
    }
    // too little with the words as typed: look for close words through the trigrams (typing errors)
    if (found.size < 3) {
      const match = trigramMatch(words.filter((word) => word.length >= 3));
      if (match) {
        const candidates = this.statements.trigrams.all({
          tenantId: searcher.tenantId,
          match,
          rank,
          limit: 60,
        });
        const seen = words.map(() => new Map<string, number>());
        for (const row of candidates) {
          const key = `${row.kind}:${row.recordId}`;
          if (found.has(key)) continue;
          const known = textWords(`${row.title} ${row.body}`);
          let closeness = 0;
          for (const [index, word] of words.entries()) {
            const close = wordCloseness(word, known, seen[index]);
            if (close === 0) {
              closeness = 0;
              break;
            }
            closeness += close;
          }
          if (closeness === 0) continue;
          // a typo's match ranks below what the words found as typed
          const score = (closeness / words.length) * 4 * this.boost(row, words, now);
          found.set(key, { kind: row.kind, item: () => this.itemOf(row, words), score });
        }
      }
    }
    return [...found.values()];
  }

  /** Kind weight, recency (a recent record a little higher) and a match in the title. */
  private boost(row: DocRow, words: string[], now: number): number {
    const ageDays = Math.max(0, now - row.updatedAt) / 86_400_000;
    const recency = 1 + 0.3 * Math.exp(-ageDays / 14);
    const titleWords = textWords(row.title);
    const inTitle = words.every((word) => [...titleWords].some((candidate) => candidate.startsWith(word)));
    return kindWeights[row.kind] * recency * (inTitle ? 1.6 : 1);
  }

  private itemOf(row: DocRow, words: string[]): SearchItem {
    const parts = partsOf(row.body);
    const titleWords = textWords(row.title);
    const inTitle = words.every((word) => [...titleWords].some((candidate) => candidate.startsWith(word)));
    const around = inTitle ? undefined : snippetAround(parts.words, words);
    // a snippet that only repeats the title (a conversation's first words) says nothing new
    const core = around?.replace(/^…|…$/g, '').trim() ?? '';
    const snippet = around && !row.title.replace(/…$/, '').startsWith(core.slice(0, 40)) ? around : undefined;
    return {
      kind: row.kind,
      id: row.recordId,
      title: row.title,
      subtitle: parts.subtitle,
      route: row.route,
      ...(snippet ? { snippet } : {}),
      ...(parts.status ? { status: parts.status } : {}),
      at: row.updatedAt,
    };
  }

  private helpItems(searcher: Searcher, q: string, words: string[]): Scored[] {
    const help = this.deps.ports.help?.();
    if (!help || words.length === 0) return [];
    try {
      return help.search(searcher.language, q, 4).map((article, index) => {
        const titleWords = textWords(article.title);
        const inTitle = words.every((word) =>
          [...titleWords].some((candidate) => candidate.startsWith(word)),
        );
        const item: SearchItem = {
          kind: 'help' as const,
          id: article.slug,
          title: article.title,
          subtitle: article.section,
          route: routeOf('help', article.slug),
          ...(article.snippet ? { snippet: article.snippet } : {}),
        };
        return {
          kind: 'help' as const,
          item: () => item,
          score: kindWeights.help * (inTitle ? 12 : 5) - index * 0.5,
        };
      });
    } catch (error) {
      this.deps.logger.warn({ module: 'search', err: error }, 'help search failed');
      return [];
    }
  }

  private async logItems(searcher: Searcher, words: string[]): Promise<Scored[]> {
    const logs = this.deps.ports.logs;
    if (!logs || roleRank(searcher.role) < roleRank('admin')) return [];
    const longest = [...words].sort((a, b) => b.length - a.length)[0];
    if (!longest || longest.length < 3) return [];
    let timer: NodeJS.Timeout | undefined;
    try {
      const page = await Promise.race([
        logs({ q: longest, limit: 20, ...(searcher.isPlatformAdmin ? {} : { tenantId: searcher.tenantId }) }),
        new Promise<{ lines: LogLine[] }>((resolve) => {
          timer = setTimeout(() => resolve({ lines: [] }), logSearchTimeoutMs);
        }),
      ]);
      return page.lines
        .filter((line) => {
          const text = fold(`${line.module} ${line.message} ${JSON.stringify(line.data)}`);
          return words.every((word) => text.includes(word));
        })
        .slice(0, 3)
        .map((line, index) => {
          const item: SearchItem = {
            kind: 'log' as const,
            id: `${line.at}-${index}`,
            title: line.message.length > 120 ? `${line.message.slice(0, 119)}…` : line.message,
            subtitle: line.module,
            route: routeOf('log', ''),
            status: line.level,
            at: line.at,
          };
          return { kind: 'log' as const, item: () => item, score: kindWeights.log * 3 - index * 0.1 };
        });
    } catch {
      return [];
    } finally {
      clearTimeout(timer);
    }
  }

  /** Templates in the searcher's language; an incident's core-written title as its message. */
  private localised(searcher: Searcher, item: SearchItem): SearchItem {
    if (item.kind === 'template') {
      const text = this.deps.ports.templateText?.(item.id, searcher.language);
      return text ? { ...item, title: text.title, subtitle: text.subtitle } : item;
    }
    if (item.kind === 'incident') {
      const message = this.deps.ports.incidentTitle?.(searcher.tenantId, item.id);
      return message ? { ...item, titleMessage: message } : item;
    }
    return item;
  }
}

/** The best `limit`, at most 6 of a kind unless fewer kinds matched (one kind must not crowd out the rest). */
function pick(all: Scored[], limit: number): Scored[] {
  const sorted = [...all].sort((a, b) => b.score - a.score);
  const kinds = new Set(sorted.map((entry) => entry.kind)).size;
  const perKind = kinds <= 1 ? limit : Math.max(3, Math.min(6, Math.ceil(limit / 2)));
  const counts = new Map<SearchKind, number>();
  const chosen: Scored[] = [];
  for (const entry of sorted) {
    const count = counts.get(entry.kind) ?? 0;
    if (count >= perKind) continue;
    counts.set(entry.kind, count + 1);
    chosen.push(entry);
    if (chosen.length >= limit) break;
  }
  return chosen;
}
