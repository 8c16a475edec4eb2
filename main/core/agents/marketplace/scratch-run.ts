import { loadTemplates } from './catalog';
import { OfflineKnowledge, runOffline } from './testing/offline-run';
const dir = process.argv[2] ?? 'assets/templates';
const only = process.argv[3];
(async () => {
  let ok = 0,
    bad = 0;
  for (const t of loadTemplates(dir)) {
    if (only && !t.id.includes(only)) continue;
    const kb = new OfflineKnowledge(t.knowledge);
    for (const turn of t.testConversation) {
      const r = await runOffline(t, turn.user, kb);
      const intentOk = !turn.expectIntent || r.intent?.name === turn.expectIntent;
      const missing = turn.expectReplyContains.filter(
        (p) => !r.replies.join('\n').toLowerCase().includes(p.toLowerCase()),
      );
      const pass = intentOk && missing.length === 0;
      pass ? ok++ : bad++;
      console.log(
        `${pass ? 'OK ' : 'BAD'} ${t.id} [${turn.language}] ${turn.user}\n    intent=${JSON.stringify(r.intent)} expect=${turn.expectIntent} missing=${JSON.stringify(missing)}\n    replies=${JSON.stringify(r.replies)} handoff=${r.handoff?.queue ?? ''} wait=${r.waitingFor ?? ''}`,
      );
    }
    kb.close();
  }
  console.log(`ok=${ok} bad=${bad}`);
})();
