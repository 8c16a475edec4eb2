import { ArrowRight, Copy, MousePointerClick, Trash2, X } from 'lucide-react';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { NativeSelect, TextField } from '../../components/Field';
import { IconButton } from '../../components/IconButton';
import { EmptyState } from '../../components/StateViews';
import type { FlowProblem } from '../../contract';
import { useShallow } from 'zustand/react/shallow';
import { selectSingleSelected, selectSpecs, useDesignerStore } from './designer-store';
import { outputHandles, type NodeSpec } from './flow-meta';
import { handleLabel, nodeTitle, nodeTypeName } from './node-text';
import { nodeVisuals } from './node-visuals';
import { NodeForm } from './node-forms';
import { useProblemText } from './use-problem-text';
import { cx } from '../../lib/cx';

export function NodeInspector({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  // the selected step's content only: moving it does not re-render the form
  const selected = useDesignerStore(
    useShallow((state) => {
      const node = selectSingleSelected(state);
      return node ? { id: node.id, spec: node.data.spec } : { id: null, spec: null };
    }),
  );
  const selectedCount = useDesignerStore((state) => state.nodes.filter((n) => n.selected).length);
  if (!selected.id || !selected.spec) {
    return (
      <EmptyState
        icon={MousePointerClick}
        title={
          selectedCount > 1
            ? t('designer.inspector.many', { count: selectedCount })
            : t('designer.inspector.none')
        }
      >
        {selectedCount > 1 ? t('designer.inspector.manyHint') : t('designer.inspector.noneHint')}
      </EmptyState>
    );
  }
  return <Inspector key={selected.id} nodeId={selected.id} spec={selected.spec} readOnly={readOnly} />;
}

function Inspector({ nodeId, spec, readOnly }: { nodeId: string; spec: NodeSpec; readOnly: boolean }) {
  const { t } = useTranslation();
  const updateSpec = useDesignerStore((state) => state.updateSpec);
  const deleteNode = useDesignerStore((state) => state.deleteNode);
  const duplicate = useDesignerStore((state) => state.duplicate);
  const problems = useDesignerStore((state) => state.problems);
  const problemText = useProblemText();
  const visual = nodeVisuals[spec.type];
  const Icon = visual.icon;

  const nodeProblems = useMemo(() => problems.filter((p) => p.nodeId === nodeId), [problems, nodeId]);
  const problem = useCallback(
    (field: string) => {
      const found = nodeProblems.filter((p) => p.field === field);
      return found.length > 0 ? found.map(problemText).join(' ') : null;
    },
    [nodeProblems, problemText],
  );
  const patch = useCallback(
    (change: Record<string, unknown>, key: string, renames?: Record<string, string>) =>
      updateSpec(
        nodeId,
        (current) => ({ ...current, data: { ...current.data, ...change } }) as NodeSpec,
        key,
        renames,
      ),
    [updateSpec, nodeId],
  );
  const unshown = nodeProblems.filter((p) => p.field === null || !fieldShown(spec, p));

  return (
    <div className="flex flex-col gap-4 p-4">
      <div className="flex items-start gap-3">
        <span className={cx('flex size-9 shrink-0 items-center justify-center rounded-md', visual.tile)}>
          <Icon aria-hidden="true" className="size-5" />
        </span>
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-base font-semibold text-slate-900">{nodeTitle(t, spec)}</h2>
          <p className="truncate text-xs text-slate-500">
            {nodeTypeName(t, spec.type)} · <span className="font-mono">{nodeId}</span>
          </p>
        </div>
        {!readOnly && (
          <div className="flex gap-0.5">
            <IconButton label={t('designer.inspector.duplicate')} onClick={() => duplicate()}>
              <Copy aria-hidden="true" className="size-4" />
            </IconButton>
            <IconButton label={t('designer.inspector.delete')} danger onClick={() => deleteNode(nodeId)}>
              <Trash2 aria-hidden="true" className="size-4" />
            </IconButton>
          </div>
        )}
      </div>
      <p className="text-sm text-slate-600">{t(`designer.nodeTypes.${spec.type}.description`)}</p>
      {unshown.length > 0 && (
        <Alert tone={unshown.some((p) => p.severity === 'error') ? 'error' : 'warning'}>
          <ul className="flex flex-col gap-1">
            {unshown.map((p, index) => (
              <li key={index}>{problemText(p)}</li>
            ))}
          </ul>
        </Alert>
      )}
      <TextField
        label={t('designer.fields.label')}
        optional={t('common.optional')}
        value={spec.label ?? ''}
        placeholder={nodeTypeName(t, spec.type)}
        maxLength={200}
        disabled={readOnly}
        onChange={(event) =>
          updateSpec(
            nodeId,
            (current) =>
              ({ ...current, label: event.target.value === '' ? undefined : event.target.value }) as NodeSpec,
            'label',
          )
        }
      />
      <NodeForm spec={spec} readOnly={readOnly} patch={patch} problem={problem} />
      <Connections nodeId={nodeId} spec={spec} readOnly={readOnly} />
    </div>
  );
}

/** Whether the form has a field for this problem (otherwise it is listed at the top). */
function fieldShown(spec: NodeSpec, problem: FlowProblem): boolean {
  const field = problem.field ?? '';
  const root = field.split('.')[0]!;
  return root in spec.data || (spec.type === 'llm' && root === 'model');
}

/** Where each output leads, editable without a mouse: the keyboard way to connect nodes. */
function Connections({ nodeId, spec, readOnly }: { nodeId: string; spec: NodeSpec; readOnly: boolean }) {
  const { t } = useTranslation();
  const handles = outputHandles(spec);
  const edges = useDesignerStore((state) => state.edges);
  const specs = useDesignerStore(useShallow(selectSpecs));
  const connect = useDesignerStore((state) => state.connect);
  const disconnect = useDesignerStore((state) => state.disconnect);
  const select = useDesignerStore((state) => state.select);
  const incoming = edges.filter((edge) => edge.target === nodeId);
  const titleOf = (id: string) => {
    const found = specs.find((candidate) => candidate.id === id);
    return found ? nodeTitle(t, found) : id;
  };
  const targets = specs.filter((candidate) => candidate.id !== nodeId && candidate.type !== 'trigger');

  return (
    <section
      aria-labelledby={`connections-${nodeId}`}
      className="flex flex-col gap-3 border-t border-slate-200 pt-4"
    >
      <h3
        id={`connections-${nodeId}`}
        className="text-xs font-semibold tracking-wide text-slate-500 uppercase"
      >
        {t('designer.connections.title')}
      </h3>
      {spec.type !== 'trigger' && (
        <div className="text-sm">
          <p className="font-medium text-slate-800">{t('designer.connections.incoming')}</p>
          {incoming.length === 0 ? (
            <p className="text-slate-500">{t('designer.connections.noIncoming')}</p>
          ) : (
            <ul className="mt-1 flex flex-wrap gap-1.5">
              {incoming.map((edge) => (
                <li key={edge.id}>
                  <button
                    type="button"
                    onClick={() => select(edge.source, true)}
                    className="rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-200"
                  >
                    {titleOf(edge.source)}
                    {edge.sourceHandle && edge.sourceHandle !== 'out'
                      ? ` (${handleLabel(t, edge.sourceHandle)})`
                      : ''}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {handles.map((handle) => {
        const out = edges.filter(
          (edge) => edge.source === nodeId && (edge.sourceHandle ?? 'out') === handle.id,
        );
        const label = handleLabel(t, handle.id);
        const options = targets.filter((n) => !out.some((edge) => edge.target === n.id));
        return (
          <div key={handle.id} className="text-sm">
            <p className={cx('font-medium', handle.kind === 'error' ? 'text-red-700' : 'text-slate-800')}>
              {t('designer.connections.output', { name: label })}
            </p>
            <ul className="mt-1 flex flex-col gap-1">
              {out.map((edge) => (
                <li key={edge.id} className="flex items-center gap-1.5">
                  <ArrowRight aria-hidden="true" className="size-3.5 shrink-0 text-slate-400" />
                  <button
                    type="button"
                    onClick={() => select(edge.target, true)}
                    className="min-w-0 truncate rounded-md px-1 text-left text-slate-700 hover:bg-slate-100"
                  >
                    {titleOf(edge.target)}
                  </button>
                  {!readOnly && (
                    <IconButton
                      label={t('designer.connections.remove', { from: label, to: titleOf(edge.target) })}
                      danger
                      onClick={() => disconnect(edge.id)}
                    >
                      <X aria-hidden="true" className="size-3.5" />
                    </IconButton>
                  )}
                </li>
              ))}
            </ul>
            {!readOnly && options.length > 0 && (
              <NativeSelect
                compact
                className="mt-1"
                aria-label={t('designer.connections.connectLabel', { name: label })}
                value=""
                onChange={(event) => {
                  if (event.target.value)
                    connect({
                      source: nodeId,
                      sourceHandle: handle.id,
                      target: event.target.value,
                      targetHandle: null,
                    });
                }}
                options={[
                  { value: '', label: t('designer.connections.connectTo') },
                  ...options.map((candidate) => ({ value: candidate.id, label: nodeTitle(t, candidate) })),
                ]}
              />
            )}
          </div>
        );
      })}
      {!readOnly && (
        <Button size="sm" variant="ghost" className="self-start" onClick={() => select(null)}>
          {t('designer.inspector.deselect')}
        </Button>
      )}
    </section>
  );
}
