// Designer render time of a 300-node flow in headless Chromium, for `npm run bench`.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowInput } from '../main/contract';

type Emit = (line: Record<string, unknown>) => void;

// What the functions passed to page.evaluate use: they run in the page, not in Node.
declare const window: { location: { hash: string } };
declare const document: { querySelectorAll(selector: string): { length: number } };
declare function requestAnimationFrame(callback: () => void): number;
const root = join(__dirname, '..', '..');
const password = 'benchmark password 1234';

/** `count` nodes of every kind in rows of ten, each joined to the next (valid, so it saves and loads as users' flows do). */
export function gridFlow(count: number): FlowInput {
  const nodes: FlowInput['nodes'] = [
    { id: 'n0', type: 'trigger', position: { x: 0, y: 0 }, data: { kind: 'chat' } },
  ];
  const edges: FlowInput['edges'] = [];
  for (let i = 1; i < count; i++) {
    const position = { x: (i % 10) * 288, y: Math.floor(i / 10) * 160 };
    const kind = i % 4;
    if (kind === 0)
      nodes.push({
        id: `n${i}`,
        type: 'set',
        label: `Set ${i}`,
        position,
        data: { assignments: [{ variable: `v${i}`, expression: `${i}` }] },
      });
    else if (kind === 1)
      nodes.push({
        id: `n${i}`,
        type: 'llm',
        label: `Answer ${i}`,
        position,
        data: { prompt: '{{message}}', outputVariable: `a${i}` },
      });
    else if (kind === 2)
      nodes.push({
        id: `n${i}`,
        type: 'knowledge',
        label: `Look up ${i}`,
        position,
        data: { outputVariable: `k${i}` },
      });
    else
      nodes.push({
        id: `n${i}`,
        type: 'reply',
        label: `Reply ${i}`,
        position,
        data: { text: 'Step {{message}}' },
      });
    edges.push({ id: `e${i}`, source: `n${i - 1}`, target: `n${i}` });
  }
  return { schemaVersion: 1, nodes, edges };
}

async function api(url: string, method: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as {
    ok: boolean;
    data: Record<string, unknown>;
    error?: { message: string };
  };
  if (!json.ok) throw new Error(`${method}: ${json.error?.message}`);
  return { data: json.data, cookie: response.headers.get('set-cookie')?.split(';')[0] };
}

export async function designerRender(emit: Emit): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mindframe-bench-designer-'));
  const server = spawn(
    process.execPath,
    [join(root, 'bin', 'mindframe.cjs'), 'serve', '--data-dir', dataDir, '--port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      const match = /serving on (http:\/\/\S+)/.exec(chunk.toString());
      if (match) resolve(match[1]!);
    });
    server.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const owner = await api(url, 'setup.createOwner', {
      orgName: 'Bench',
      name: 'Bench',
      email: 'bench@bench.test',
      password,
    });
    const headers = { cookie: owner.cookie!, 'x-csrf-token': owner.data.csrfToken as string, origin: url };
    const agentFor = async (count: number) => {
      const agent = await api(url, 'agents.create', { name: `Flow of ${count}` }, headers);
      await api(url, 'agents.saveVersion', { agentId: agent.data.id, flow: gridFlow(count) }, headers);
      return agent.data.id as string;
    };
    const large = await agentFor(300);
    const small = await agentFor(3);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const [name, value] = owner.cookie!.split('=') as [string, string];
    await context.addCookies([{ name, value, url }]);
    const page = await context.newPage();
    const timeToNodes = async (agentId: string, expectAtLeast: number): Promise<number> => {
      await page.goto(`${url}/#/agents`);
      await page.waitForSelector('h1');
      const started = await page.evaluate(() => performance.now());
      await page.evaluate((id) => (window.location.hash = `#/agents/${id}`), agentId);
      await page.waitForFunction(
        (n) => document.querySelectorAll('.react-flow__node').length >= n,
        expectAtLeast,
        { timeout: 30_000 },
      );
      // one more frame, so the time covers painting what was rendered
      return page.evaluate(
        (t0) =>
          new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now() - t0))),
        started,
      );
    };
    const runs = (agentId: string, n: number) => timeToNodes(agentId, n);
    const samples: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < 6; i++) {
      baseline.push(await runs(small, 3));
      samples.push(await runs(large, 10));
    }
    const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
    const median = (v: number[]) => sorted(v)[Math.floor(v.length / 2)]!;
    const rendered = await page.evaluate(() => document.querySelectorAll('.react-flow__node').length);
    emit({
      scenario: 'designer.render_300_nodes',
      description:
        'open the designer on a 300-node flow until its nodes are drawn, headless Chromium (median of 6)',
      median_ms: Math.round(median(samples)),
      nodes_in_dom: rendered,
      baseline_3_node_flow_ms: Math.round(median(baseline)),
      ratio: Math.round((median(samples) / median(baseline)) * 100) / 100,
    });
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
