import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowInput } from '../../../contract';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../../testing/harness';
import { allowLocal } from '../../testing/outbound';
import { download, upload } from '../../testing/transfer-test-kit';

let h: Harness;
let server: Server | undefined;
afterEach(async () => {
  h?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name)).toString('base64');
const b64 = (text: string) => Buffer.from(text).toString('base64');

/** The test chat of a bike shop's agent: look the question up, answer from what was found. */
const answerFlow: FlowInput = {
  schemaVersion: 1,
  nodes: [
    { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { kind: 'chat' } },
    { id: 'kb', type: 'knowledge', position: { x: 0, y: 140 }, data: { query: '{{message}}' } },
    {
      id: 'answer',
      type: 'llm',
      position: { x: 0, y: 280 },
      data: {
        systemPrompt: 'You help customers of a bike shop.',
        prompt: 'Context:\n{{knowledge.text}}\n\nQuestion:\n{{message}}',
      },
    },
    { id: 'reply', type: 'reply', position: { x: 0, y: 420 }, data: { text: '{{answer}}' } },
  ],
  edges: [
    { id: 'e1', source: 'trigger', target: 'kb' },
    { id: 'e2', source: 'kb', target: 'answer' },
    { id: 'e3', source: 'answer', target: 'reply' },
  ],
};

async function ask(owner: SignedIn, agentId: string, message: string): Promise<string> {
  const run = await expectOk(
    h.core,
    'agents.run',
    { agentId, draft: answerFlow, input: { message }, wait: true },
    owner.call,
  );
  expect(run.status).toBe('succeeded');
  return run.replies.join('\n');
}

describe('knowledge collections, imports and history', () => {
  it('a PDF and a .docx imported into a collection answer in the test chat; an agent without it does not use them', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const store = await expectOk(h.core, 'knowledge.createCollection', { name: 'Shop policies' }, owner.call);
    const other = await expectOk(h.core, 'knowledge.createCollection', { name: 'Recipes' }, owner.call);
    const pdf = await expectOk(
      h.core,
      'knowledge.import',
      { file: { name: 'warranty.pdf', data: fixture('warranty.pdf') }, collectionId: store.id },
      owner.call,
    );
    expect(pdf).toMatchObject({ kind: 'pdf', sourceName: 'warranty.pdf', lineErrors: [] });
    expect(pdf.created).toHaveLength(1);
    const docx = await expectOk(
      h.core,
      'knowledge.import',
      { file: { name: 'rental.docx', data: fixture('rental.docx') }, collectionId: store.id },
      owner.call,
    );
    expect(docx).toMatchObject({ kind: 'docx', sourceName: 'rental.docx' });

    const { collections } = await expectOk(h.core, 'knowledge.collections', {}, owner.call);
    expect(collections.map((c) => [c.name, c.docCount])).toEqual([
      ['Recipes', 0],
      ['Shop policies', 2],
    ]);
    const listed = await expectOk(h.core, 'knowledge.list', { collectionId: store.id }, owner.call);
    expect(listed.docs.map((d) => [d.source, d.sourceName]).sort()).toEqual([
      ['docx', 'rental.docx'],
      ['pdf', 'warranty.pdf'],
    ]);

    const helper = await expectOk(h.core, 'agents.create', { name: 'Shop helper' }, owner.call);
    await expectOk(
      h.core,
      'agents.setKnowledge',
      { agentId: helper.id, collections: [store.id] },
      owner.call,
    );
    expect(await ask(owner, helper.id, 'How long is the battery of an electric bike covered?')).toMatch(
      /800 charge cycles/,
    );
    expect(await ask(owner, helper.id, 'What does a tandem cost to rent?')).toMatch(/35 euro per day/);

    // an agent that answers from another collection does not see them
    const baker = await expectOk(h.core, 'agents.create', { name: 'Baker' }, owner.call);
    await expectOk(h.core, 'agents.setKnowledge', { agentId: baker.id, collections: [other.id] }, owner.call);
    expect(await expectOk(h.core, 'agents.knowledge', { agentId: baker.id }, owner.call)).toEqual({
      collections: [other.id],
    });
    const unknowing = await ask(owner, baker.id, 'What does a tandem cost to rent?');
    expect(unknowing).not.toMatch(/35 euro/);
    expect(unknowing).not.toMatch(/tandem rents/i);

    // a new agent answers from every collection (as agents made before collections do)
    const fresh = await expectOk(h.core, 'agents.create', { name: 'Fresh' }, owner.call);
    expect(await expectOk(h.core, 'agents.knowledge', { agentId: fresh.id }, owner.call)).toEqual({
      collections: null,
    });
    expect(await ask(owner, fresh.id, 'What does a tandem cost to rent?')).toMatch(/35 euro per day/);

    // deleting the collection keeps its documents (in no collection); the helper that chose it
    // no longer answers from them, the fresh agent (every document) still does
    const removed = await expectOk(
      h.core,
      'knowledge.deleteCollection',
      { collectionId: store.id },
      owner.call,
    );
    expect(removed).toEqual({ ok: true, movedDocs: 2 });
    expect(await expectOk(h.core, 'agents.knowledge', { agentId: helper.id }, owner.call)).toEqual({
      collections: [],
    });
    expect(await ask(owner, helper.id, 'What does a tandem cost to rent?')).not.toMatch(/35 euro/);
    expect(await ask(owner, fresh.id, 'What does a tandem cost to rent?')).toMatch(/35 euro per day/);
    const unfiled = await expectOk(h.core, 'knowledge.list', { collectionId: null }, owner.call);
    expect(unfiled.docs.map((d) => d.sourceName).sort()).toEqual(['rental.docx', 'warranty.pdf']);
  });

  it('imports a CSV of questions and answers: a preview first, bad lines by number, one document per row', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const faq = await expectOk(h.core, 'knowledge.createCollection', { name: 'FAQ' }, owner.call);
    const csv = [
      'Question,Answer',
      '"Are you open on Sunday?","No, we are closed on Sundays."',
      'Do you repair tyres?,',
      '"Can I pay by card?","Yes, every card."',
      'broken "quote,here',
    ].join('\n');
    const preview = await expectOk(
      h.core,
      'knowledge.import',
      { file: { name: 'faq.csv', data: b64(csv) }, collectionId: faq.id, preview: true },
      owner.call,
    );
    expect(preview).toMatchObject({
      kind: 'csv',
      docs: [
        { title: 'Are you open on Sunday?', body: 'No, we are closed on Sundays.' },
        { title: 'Can I pay by card?', body: 'Yes, every card.' },
      ],
      lineErrors: [
        { line: 3, reason: 'csv_row_incomplete' },
        { line: 5, reason: 'csv_bad_line' },
      ],
      created: [],
    });
    expect((await expectOk(h.core, 'knowledge.list', {}, owner.call)).docs).toEqual([]);
    const done = await expectOk(
      h.core,
      'knowledge.import',
      { file: { name: 'faq.csv', data: b64(csv) }, collectionId: faq.id },
      owner.call,
    );
    expect(done.created).toHaveLength(2);
    const hits = await expectOk(
      h.core,
      'knowledge.search',
      { q: 'sunday open', collectionIds: [faq.id] },
      owner.call,
    );
    expect(hits.hits[0]).toMatchObject({ title: 'Are you open on Sunday?' });

    // refusals say why, as reasons the UI says in every language
    const noHeader = await h.core.dispatch(
      'knowledge.import',
      { file: { name: 'prices.csv', data: b64('name,price\nbell,5\n') } },
      owner.call,
    );
    expect(noHeader).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: 'csv_no_header' } });
    const renamed = await h.core.dispatch(
      'knowledge.import',
      { file: { name: 'faq.pdf', data: b64(csv) } },
      owner.call,
    );
    expect(renamed).toMatchObject({ ok: false, error: { reason: 'file_type_mismatch' } });
    const big = await h.core.dispatch(
      'knowledge.import',
      { file: { name: 'big.csv', data: Buffer.alloc(10 * 1024 * 1024 + 1, 0x61).toString('base64') } },
      owner.call,
    );
    expect(big).toMatchObject({ ok: false, error: { reason: 'file_too_large', params: { maxMb: 10 } } });
  });

  it("imports a web page's main text through the outbound guard: a private address only once allowed", async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    let hits = 0;
    server = createServer((request, response) => {
      hits++;
      if (request.url === '/moved') {
        response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
        return;
      }
      if (request.url === '/secret') {
        response.writeHead(500, { 'content-type': 'text/plain' }).end('internal token sk-live-123');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html><head><title>Opening hours | Sykkelverksted Nord</title></head><body>
<nav><a href="/">Home</a> <a href="/shop">Shop</a> <a href="/cart">Cart (0)</a></nav>
<main><article><h1>Opening hours</h1>
<p>The workshop is open Monday to Friday from 08:00 to 17:00 and on Saturday from 10:00 to 14:00.</p>
<p>On public holidays the workshop stays closed, but you can still drop your bike in the night box by the door.</p>
<p>Repairs booked before noon are usually ready the same afternoon, unless parts have to be ordered.</p>
</article></main>
<footer>Cookie settings · Privacy policy · Newsletter sign-up</footer>
<script>window.tracking = "do-not-import"</script></body></html>`);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const refused = await h.core.dispatch('knowledge.import', { url: `${base}/hours` }, owner.call);
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: 'blocked_address' } });
    expect(hits).toBe(0);

    await allowLocal(h.core, owner, base);
    const page = await expectOk(
      h.core,
      'knowledge.import',
      { url: `${base}/hours`, preview: true },
      owner.call,
    );
    expect(page).toMatchObject({ kind: 'url', sourceName: `${base}/hours` });
    expect(page.docs).toHaveLength(1);
    expect(page.docs[0]!.title).toMatch(/Opening hours/);
    expect(page.docs[0]!.body).toContain('Monday to Friday from 08:00 to 17:00');
    expect(page.docs[0]!.body).not.toMatch(/Cookie settings|Cart \(0\)|do-not-import/);

    // a redirect is not followed, and a failing server's answer is never repeated
    const moved = await h.core.dispatch('knowledge.import', { url: `${base}/moved` }, owner.call);
    expect(moved).toMatchObject({ ok: false, error: { reason: 'url_redirected' } });
    const failing = await h.core.dispatch('knowledge.import', { url: `${base}/secret` }, owner.call);
    expect(failing).toMatchObject({ ok: false, error: { reason: 'url_status', params: { status: 500 } } });
    expect(JSON.stringify(failing)).not.toContain('sk-live-123');
    const notWeb = await h.core.dispatch('knowledge.import', { url: 'file:///etc/passwd' }, owner.call);
    expect(notWeb).toMatchObject({ ok: false, error: { reason: 'invalid_url' } });
  });

  it('edits a document in place, keeps each earlier text with its author, and restores one', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const operator = await inviteAndAccept(h.core, owner, 'otto@acme.test', 'operator');
    const doc = await expectOk(
      h.core,
      'knowledge.add',
      { title: 'Opening hours', body: 'Open Monday to Friday, 9 to 17.' },
      owner.call,
    );
    expect(doc).toMatchObject({ version: 1, collectionId: null, updatedBy: null });
    h.clock.advance(60_000);
    const edited = await expectOk(
      h.core,
      'knowledge.update',
      {
        docId: doc.id,
        title: 'Opening hours',
        body: 'Open Monday to Saturday, 9 to 17.',
        collectionId: null,
      },
      operator.call,
    );
    expect(edited).toMatchObject({ version: 2, updatedBy: operator.me.user.name });
    // the search finds the new text, not the old
    expect((await expectOk(h.core, 'knowledge.search', { q: 'saturday' }, owner.call)).hits).toHaveLength(1);
    expect((await expectOk(h.core, 'knowledge.search', { q: 'friday' }, owner.call)).hits).toHaveLength(0);

    h.clock.advance(60_000);
    await expectOk(
      h.core,
      'knowledge.update',
      { docId: doc.id, title: 'Hours', body: 'Closed for the holidays.', collectionId: null },
      owner.call,
    );
    const { doc: now, history } = await expectOk(h.core, 'knowledge.get', { docId: doc.id }, owner.call);
    expect(now).toMatchObject({ title: 'Hours', version: 3, updatedBy: owner.me.user.name });
    expect(history).toEqual([
      {
        version: 2,
        title: 'Opening hours',
        body: 'Open Monday to Saturday, 9 to 17.',
        authorName: operator.me.user.name,
        createdAt: edited.updatedAt,
      },
      {
        version: 1,
        title: 'Opening hours',
        body: 'Open Monday to Friday, 9 to 17.',
        authorName: null,
        createdAt: doc.createdAt,
      },
    ]);

    const restored = await expectOk(
      h.core,
      'knowledge.restoreVersion',
      { docId: doc.id, version: 1 },
      operator.call,
    );
    expect(restored).toMatchObject({
      title: 'Opening hours',
      body: 'Open Monday to Friday, 9 to 17.',
      version: 4,
    });
    expect(
      (await expectOk(h.core, 'knowledge.get', { docId: doc.id }, owner.call)).history.map((v) => v.version),
    ).toEqual([3, 2, 1]);
    expect((await expectOk(h.core, 'knowledge.search', { q: 'friday' }, owner.call)).hits).toHaveLength(1);
    expect(
      await h.core.dispatch('knowledge.restoreVersion', { docId: doc.id, version: 9 }, owner.call),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it("refuses another organisation's collection for an agent or a document", async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const mine = await expectOk(h.core, 'agents.create', { name: 'Mine' }, owner.call);
    const otherTenant = await expectOk(h.core, 'tenants.create', { name: 'Other Org' }, owner.call);
    const home = (await expectOk(h.core, 'auth.me', {}, owner.call)).tenant!.id;
    await expectOk(h.core, 'tenants.switch', { tenantId: otherTenant.id }, owner.call);
    const theirs = await expectOk(h.core, 'knowledge.createCollection', { name: 'Theirs' }, owner.call);
    await expectOk(h.core, 'tenants.switch', { tenantId: home }, owner.call);
    for (const [method, input] of [
      ['agents.setKnowledge', { agentId: mine.id, collections: [theirs.id] }],
      ['knowledge.add', { title: 'x', body: 'y', collectionId: theirs.id }],
      ['knowledge.updateCollection', { collectionId: theirs.id, name: 'Mine now' }],
    ] as const) {
      expect(await h.core.dispatch(method, input, owner.call), method).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
    expect((await expectOk(h.core, 'knowledge.collections', {}, owner.call)).collections).toEqual([]);
  });
  it('moves with its organisation: collections, history and what each agent answers from survive an export and import', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const shelf = await expectOk(h.core, 'knowledge.createCollection', { name: 'Workshop' }, owner.call);
    const doc = await expectOk(
      h.core,
      'knowledge.add',
      { title: 'Hours', body: 'Open 9 to 17.', collectionId: shelf.id },
      owner.call,
    );
    await expectOk(
      h.core,
      'knowledge.update',
      { docId: doc.id, title: 'Hours', body: 'Open 9 to 18.', collectionId: shelf.id },
      owner.call,
    );
    const agent = await expectOk(h.core, 'agents.create', { name: 'Helper' }, owner.call);
    await expectOk(h.core, 'agents.setKnowledge', { agentId: agent.id, collections: [shelf.id] }, owner.call);
    const exported = await expectOk(h.core, 'tenants.export', {}, owner.call);
    const file = await download(h.core, owner.call, exported.exportId);

    const first = h;
    const two = createHarness();
    try {
      const root = await setupOwner(two.core, 'Second Site', 'root@second.test');
      const importId = await upload(two.core, root.call, file);
      const imported = await expectOk(two.core, 'tenants.import', { importId }, root.call);
      await expectOk(two.core, 'tenants.switch', { tenantId: imported.tenant.id }, root.call);
      const { collections } = await expectOk(two.core, 'knowledge.collections', {}, root.call);
      expect(collections).toMatchObject([{ name: 'Workshop', docCount: 1 }]);
      const [moved] = (await expectOk(two.core, 'knowledge.list', {}, root.call)).docs;
      expect(moved).toMatchObject({ body: 'Open 9 to 18.', version: 2, collectionId: collections[0]!.id });
      const { history } = await expectOk(two.core, 'knowledge.get', { docId: moved!.id }, root.call);
      expect(history.map((v) => v.body)).toEqual(['Open 9 to 17.']);
      const [helper] = (await expectOk(two.core, 'agents.list', {}, root.call)).agents;
      expect(await expectOk(two.core, 'agents.knowledge', { agentId: helper!.id }, root.call)).toEqual({
        collections: [collections[0]!.id],
      });
    } finally {
      two.close();
      h = first;
    }
  });
});
