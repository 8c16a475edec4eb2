import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { Check, CircleAlert, Hourglass, TriangleAlert, X } from 'lucide-react';
import { memo, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../lib/cx';
import { useDesignerStore } from './designer-store';
import { hasInput, nodeWidthFor, outputHandles } from './flow-meta';
import { nodeTitleId, type DesignerNode } from './graph';
import { handleLabel, nodeSummary, nodeTitle, nodeTypeName } from './node-text';
import { nodeVisuals } from './node-visuals';

const liveRing = {
  active: 'ring-4 ring-sky-400 animate-pulse',
  ok: '',
  error: '',
  waiting: 'ring-4 ring-amber-300',
} as const;

/**
 * One node on the canvas. Memoised: it renders again only when its own node object, or its own
 * problem count, live mark or diff mark changes, never because another node was selected.
 */
export const FlowNodeView = memo(function FlowNodeView({ id, data, selected }: NodeProps<DesignerNode>) {
  const { t } = useTranslation();
  const spec = data.spec;
  const problems = useDesignerStore((state) => state.problemCounts[id]);
  const live = useDesignerStore((state) => state.live[id]);
  const diff = useDesignerStore((state) => state.diffMarks[id]);
  const updateNodeInternals = useUpdateNodeInternals();
  const handles = useMemo(() => outputHandles(spec), [spec]);
  const handleKey = handles.map((handle) => handle.id).join('|');
  // React Flow measures the handles when the node mounts; tell it again only when they change
  const measuredKey = useRef(handleKey);
  useEffect(() => {
    if (measuredKey.current === handleKey) return;
    measuredKey.current = handleKey;
    updateNodeInternals(id);
  }, [id, handleKey, updateNodeInternals]);

  const width = nodeWidthFor(spec);
  const visual = nodeVisuals[spec.type];
  const Icon = visual.icon;
  const errors = problems?.errors ?? 0;
  const warnings = problems?.warnings ?? 0;
  const title = nodeTitle(t, spec);
  const typeName = nodeTypeName(t, spec.type);

  return (
    <div
      style={{ width }}
      className={cx(
        'relative rounded-lg bg-white px-3 pt-2.5 pb-4 shadow-sm ring-1 transition-shadow',
        errors > 0 ? 'ring-2 ring-red-500' : warnings > 0 ? 'ring-amber-400' : 'ring-slate-300',
        selected && 'shadow-md outline-2 outline-offset-2 outline-indigo-600',
        diff === 'added' && 'ring-2 ring-emerald-500',
        diff === 'changed' && 'ring-2 ring-amber-500',
        live && liveRing[live],
      )}
    >
      {hasInput(spec.type) && (
        <Handle type="target" position={Position.Top} className="flow-handle" isConnectableStart={false} />
      )}
      <div className="flex items-start gap-2.5">
        <span className={cx('flex size-8 shrink-0 items-center justify-center rounded-md', visual.tile)}>
          <Icon aria-hidden="true" className="size-4.5" />
        </span>
        <div className="min-w-0 flex-1">
          {/* up to two lines, so a step's title reads in full on the canvas */}
          <p
            id={nodeTitleId(id)}
            title={title}
            className="line-clamp-2 text-sm leading-5 font-semibold break-words text-slate-900"
          >
            {title}
          </p>
          <p className="truncate text-xs leading-4 text-slate-500">
            {title === typeName ? nodeSummary(t, spec) : `${typeName} · ${nodeSummary(t, spec)}`}
          </p>
        </div>
      </div>
      {(errors > 0 || warnings > 0) && (
        <span
          className={cx(
            'absolute -top-2.5 -right-2.5 inline-flex h-5 min-w-5 items-center justify-center gap-0.5 rounded-full px-1 text-xs font-semibold text-white shadow',
            errors > 0 ? 'bg-red-600' : 'bg-amber-500',
          )}
          title={t('designer.node.problems', { count: errors + warnings })}
        >
          {errors > 0 ? (
            <CircleAlert aria-hidden="true" className="size-3" />
          ) : (
            <TriangleAlert aria-hidden="true" className="size-3" />
          )}
          {errors + warnings}
          <span className="sr-only">{t('designer.node.problems', { count: errors + warnings })}</span>
        </span>
      )}
      {live && live !== 'active' && (
        <span
          className={cx(
            'absolute -top-2.5 -left-2.5 flex size-5 items-center justify-center rounded-full text-white shadow',
            live === 'ok' ? 'bg-emerald-600' : live === 'error' ? 'bg-red-600' : 'bg-amber-500',
          )}
          title={t(`designer.live.${live}`)}
        >
          {live === 'ok' ? (
            <Check aria-hidden="true" className="size-3" />
          ) : live === 'error' ? (
            <X aria-hidden="true" className="size-3" />
          ) : (
            <Hourglass aria-hidden="true" className="size-3" />
          )}
          <span className="sr-only">{t(`designer.live.${live}`)}</span>
        </span>
      )}
      {diff && (
        <span
          className={cx(
            'absolute -top-2.5 right-6 rounded-full px-1.5 text-[10px] leading-4 font-semibold text-white uppercase shadow',
            diff === 'added' ? 'bg-emerald-600' : 'bg-amber-600',
          )}
        >
          {t(`designer.diff.mark.${diff}`)}
        </span>
      )}
      {handles.map((handle, index) => {
        const left = `${((index + 1) / (handles.length + 1)) * 100}%`;
        const labelWidth = width / (handles.length + 1) - 6;
        const label = handles.length > 1 ? handleLabel(t, handle.id) : null;
        return (
          <div key={handle.id}>
            <Handle
              id={handle.id}
              type="source"
              position={Position.Bottom}
              style={{ left }}
              className={cx('flow-handle', handle.kind === 'error' && 'flow-handle-error')}
              // a drag point, not a keyboard control (the inspector connects outputs from the keyboard):
              // shown to assistive technology as a graphic named after its output
              role="img"
              aria-label={t('designer.node.handle', { name: handleLabel(t, handle.id) })}
            />
            {label && (
              <span
                style={{ left, maxWidth: labelWidth }}
                title={label}
                className={cx(
                  'pointer-events-none absolute bottom-1 -translate-x-1/2 truncate text-[11px] leading-3 font-medium',
                  handle.kind === 'error' ? 'text-red-600' : 'text-slate-500',
                )}
              >
                {label}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
});
