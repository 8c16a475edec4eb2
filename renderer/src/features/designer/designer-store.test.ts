import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Flow } from '../../contract';

const calls = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('../../transport', () => ({
  transport: { call: calls.call, on: () => () => undefined },
  toCallError: (error: unknown) => error,
}));

const { isDirty, selectSingleSelected, useDesignerStore } = await import('./designer-store');

const flow: Flow = {
  schemaVersion: 1,
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { kind: 'chat' } },
    { id: 'say', type: 'reply', position: { x: 0, y: 160 }, data: { text: 'Hello' } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'say', sourceHandle: 'out' }],
  variables: [],
};

const store = () => useDesignerStore.getState();
const texts = () => store().nodes.map((node) => `${node.id}:${JSON.stringify(node.data.spec.data)}`);

beforeEach(async () => {
  calls.call.mockReset();
  calls.call.mockResolvedValue({
    agent: { id: 'a1', name: 'Agent' },
    flow,
    version: { id: 'v1', number: 1 },
  });
  await store().open('a1');
});

describe('the designer store', () => {
  it('opens an agent with its flow, clean and without history', () => {
    expect(calls.call).toHaveBeenCalledWith('agents.get', { agentId: 'a1' });
    expect(store().status).toBe('ready');
    expect(store().nodes.map((node) => node.id)).toEqual(['start', 'say']);
    expect(store().flow()).toEqual(flow);
    expect(isDirty(store())).toBe(false);
    expect(store().canUndo).toBe(false);
  });

  it('undoes and redoes every kind of edit, typing in one field as one step', () => {
    const before = texts();
    const id = store().addNode('condition', { x: 0, y: 80 }, 'start');
    expect(selectSingleSelected(store())?.id).toBe(id);
    expect(store().edges.map((edge) => `${edge.source}:${edge.sourceHandle}->${edge.target}`)).toEqual([
      `start:out->${id}`,
      `${id}:true->say`,
    ]);
    for (const expression of ['m', 'me', 'mes', 'message']) {
      store().updateSpec(id, (spec) => ({ ...spec, data: { expression } }) as typeof spec, 'expression');
    }
    store().connect({ source: id, sourceHandle: 'false', target: 'say', targetHandle: null });
    expect(store().edges).toHaveLength(3);
    expect(isDirty(store())).toBe(true);

    store().undo();
    expect(store().edges).toHaveLength(2);
    store().undo();
    expect(texts()).toContain(`${id}:{"expression":""}`);
    store().undo();
    expect(texts()).toEqual(before);
    expect(store().flow()).toEqual(flow);
    expect(store().canUndo).toBe(false);

    store().redo();
    store().redo();
    expect(texts()).toContain(`${id}:{"expression":"message"}`);
    expect(store().canRedo).toBe(true);
  });

  it('deletes the selection with its edges, and undo brings both back', () => {
    store().select('say');
    expect(store().deleteSelected()).toBe(2);
    expect(store().nodes.map((node) => node.id)).toEqual(['start']);
    expect(store().edges).toEqual([]);
    store().undo();
    expect(store().flow()).toEqual(flow);
  });

  it('pastes copies with new ids, each paste further along', () => {
    store().selectAll();
    expect(store().copy()).toBe(2);
    store().paste();
    store().paste();
    const ids = store().nodes.map((node) => node.id);
    expect(new Set(ids).size).toBe(6);
    const replies = store().nodes.filter((node) => node.data.spec.type === 'reply');
    expect(replies.map((node) => node.position)).toEqual([
      { x: 0, y: 160 },
      { x: 40, y: 200 },
      { x: 80, y: 240 },
    ]);
    expect(store().edges).toHaveLength(3);
    store().undo();
    store().undo();
    expect(store().flow()).toEqual(flow);
  });

  it('counts a drag as one step and arrow-key moves as another, without changing what is validated', () => {
    const contentSeq = store().contentSeq;
    store().beginDrag();
    for (let y = 170; y <= 200; y += 10) {
      store().onNodesChange([{ type: 'position', id: 'say', position: { x: 0, y }, dragging: true }]);
    }
    store().endDrag();
    store().onNodesChange([{ type: 'position', id: 'say', position: { x: 5, y: 200 } }]);
    expect(store().nodes[1]!.position).toEqual({ x: 5, y: 200 });
    expect(store().contentSeq).toBe(contentSeq);
    expect(isDirty(store())).toBe(true);
    store().undo();
    expect(store().nodes[1]!.position).toEqual({ x: 0, y: 200 });
    store().undo();
    expect(store().nodes[1]!.position).toEqual({ x: 0, y: 160 });
  });

  it('is clean again once the edits are saved', () => {
    store().updateSpec('say', (spec) => ({ ...spec, label: 'Greeting' }), 'label');
    const seq = store().editSeq;
    store().markSaved({ id: 'v2', number: 2 } as never, seq);
    expect(isDirty(store())).toBe(false);
    expect(store().flow().nodes[1]!.label).toBe('Greeting');
  });

  it('counts problems per node for the canvas badges', () => {
    store().setProblems(
      [
        {
          code: 'empty_field',
          severity: 'error',
          nodeId: 'say',
          edgeId: null,
          field: 'text',
          message: { key: 'flow.problem.reply_empty' },
          text: 'Empty',
        },
        {
          code: 'unreachable',
          severity: 'warning',
          nodeId: 'say',
          edgeId: null,
          field: null,
          message: { key: 'flow.problem.unreachable' },
          text: 'Far',
        },
        {
          code: 'missing_trigger',
          severity: 'error',
          nodeId: null,
          edgeId: null,
          field: null,
          message: { key: 'flow.problem.missing_trigger' },
          text: 'None',
        },
      ],
      'done',
    );
    expect(store().problemCounts).toEqual({ say: { errors: 1, warnings: 1 } });
  });
});
