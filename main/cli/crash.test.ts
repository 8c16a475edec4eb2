import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callApi, login, serve, setupAcme, stop, type HttpSession, type Served } from './testing/run-cli';

let dataDir: string;
let served: Served | undefined;
afterEach(async () => {
  if (served) await stop(served, 'SIGKILL');
  served = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

const password = 'correct horse battery staple';
const rounds = 20;
const writers = 4;

interface Round {
  /** Writes the server answered 200 to: id → title. */
  acknowledged: Map<string, string>;
  /** Answers that were neither a success nor the server going away. */
  unexpected: string[];
}

/**
 * Several clients write through HTTP until `enough` writes in all are acknowledged (a random
 * point, with other writes still in flight), then the server is killed with SIGKILL. Resolves once
 * every client has seen the server go.
 */
async function writeUntilKilled(
  url: string,
  session: HttpSession,
  round: number,
  enough: number,
  state: Round,
  kill: () => Promise<void>,
): Promise<void> {
  let killing: Promise<void> | undefined;
  let sent = 0;
  const client = async (writer: number) => {
    for (;;) {
      const title = `round ${round} writer ${writer} #${sent++}`;
      let answer;
      try {
        answer = await callApi(url, session, 'knowledge.add', { title, body: `Written by ${title}.` });
      } catch {
        return; // the server is gone
      }
      if (answer.status === 200) state.acknowledged.set((answer.body.data as { id: string }).id, title);
      else state.unexpected.push(`${answer.status} ${JSON.stringify(answer.body.error)}`);
      if (state.acknowledged.size >= enough || state.unexpected.length > 0) killing ??= kill();
    }
  };
  await Promise.all(Array.from({ length: writers }, (_, writer) => client(writer)));
  await killing;
}

describe('crash safety', () => {
  it(`keeps every acknowledged write and its audit entry over ${rounds} kill -9 rounds under ${writers} concurrent writers`, async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-crash-'));
    expect((await setupAcme(dataDir, password)).code).toBe(0);
    const state: Round = { acknowledged: new Map(), unexpected: [] };
    let session: HttpSession | undefined;

    for (let round = 1; round <= rounds; round++) {
      // each start after the first takes over the lock the killed process left behind
      const current = await serve(dataDir);
      served = current;
      // the session outlives the restarts, as a browser's does
      session ??= await login(current.url, 'owner@acme.test', password);
      const enough = state.acknowledged.size + 1 + Math.floor(Math.random() * 30);
      await writeUntilKilled(current.url, session, round, enough, state, () => stop(current, 'SIGKILL'));
      served = undefined;
      expect(state.unexpected).toEqual([]);

      const raw = new Database(join(dataDir, 'mindframe.sqlite'));
      try {
        expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
        const committed = new Set(raw.prepare('SELECT id FROM knowledge_docs').pluck().all() as string[]);
        const lost = [...state.acknowledged].filter(([id]) => !committed.has(id)).map(([, title]) => title);
        expect(lost).toEqual([]);
        const audited = new Set(
          raw
            .prepare("SELECT target_id FROM audit_log WHERE action = 'knowledge.add'")
            .pluck()
            .all() as string[],
        );
        const unaudited = [...committed].filter((id) => !audited.has(id));
        expect(unaudited).toEqual([]);
      } finally {
        raw.close();
      }
    }

    expect(state.acknowledged.size).toBeGreaterThanOrEqual(rounds);
    served = await serve(dataDir);
    const verify = await callApi(served.url, session!, 'audit.verify');
    expect(verify.body).toMatchObject({ ok: true, data: { ok: true } });
  }, 180_000);
});
