import { useReactFlow, type XYPosition } from '@xyflow/react';
import { PanelLeftClose, PanelLeftOpen } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { nodeTypes, type NodeType } from '../../contract';
import { cx } from '../../lib/cx';
import { selectSingleSelected, useDesignerStore } from './designer-store';
import type { DesignerNode } from './graph';
import { paletteMime } from './FlowCanvas';
import { gridSize } from './layout';
import { baseNodeWidth as nodeWidth } from './flow-meta';
import { nodeVisuals } from './node-visuals';

const snap = (value: number) => Math.round(value / gridSize) * gridSize;

/** Moves a new step down from `start` until it does not cover another step. */
function freeSpot(nodes: readonly DesignerNode[], start: XYPosition): XYPosition {
  const position = { ...start };
  const covers = (node: DesignerNode) =>
    Math.abs(node.position.x - position.x) < (node.measured?.width ?? nodeWidth) &&
    Math.abs(node.position.y - position.y) < (node.measured?.height ?? 88) + 16;
  for (let tries = 0; tries < 200 && nodes.some(covers); tries++) position.y += gridSize * 2;
  return position;
}

/**
 * Node types to drag onto the canvas; a click (or Enter) adds the node instead: below the selected
 * node and connected to it, or in the middle of the view.
 */
export function Palette({
  canvasId,
  expanded,
  onToggle,
}: {
  canvasId: string;
  expanded: boolean;
  onToggle(): void;
}) {
  const { t } = useTranslation();
  const { screenToFlowPosition } = useReactFlow();
  const addNode = useDesignerStore((state) => state.addNode);
  const select = useDesignerStore((state) => state.select);

  const add = (type: NodeType) => {
    const selected = selectSingleSelected(useDesignerStore.getState());
    let position;
    if (selected) {
      position = { x: selected.position.x, y: selected.position.y + (selected.measured?.height ?? 88) + 64 };
    } else {
      const box = document.getElementById(canvasId)?.getBoundingClientRect();
      const center = box
        ? screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
        : { x: 0, y: 0 };
      position = freeSpot(useDesignerStore.getState().nodes, {
        x: center.x - nodeWidth / 2,
        y: center.y - 40,
      });
    }
    const id = addNode(type, { x: snap(position.x), y: snap(position.y) }, selected?.id);
    select(id, true);
  };

  const ToggleIcon = expanded ? PanelLeftClose : PanelLeftOpen;
  return (
    <nav
      aria-label={t('designer.palette.title')}
      className={cx('flex flex-col gap-1', expanded ? 'p-3' : 'items-center px-2 py-3')}
    >
      <div className={cx('flex items-center pb-1', expanded ? 'justify-between px-1' : 'justify-center')}>
        {expanded && (
          <h2 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
            {t('designer.palette.title')}
          </h2>
        )}
        <button
          type="button"
          onClick={onToggle}
          aria-expanded={expanded}
          aria-label={expanded ? t('designer.palette.collapse') : t('designer.palette.expand')}
          title={expanded ? t('designer.palette.collapse') : t('designer.palette.expand')}
          className="rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
        >
          <ToggleIcon aria-hidden="true" className="size-4" />
        </button>
      </div>
      <ul className="flex flex-col gap-1">
        {nodeTypes.map((type) => {
          const visual = nodeVisuals[type];
          const Icon = visual.icon;
          const name = t(`designer.nodeTypes.${type}.name`);
          return (
            <li key={type}>
              <button
                type="button"
                draggable
                onDragStart={(event) => {
                  event.dataTransfer.setData(paletteMime, type);
                  event.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => add(type)}
                title={
                  expanded
                    ? t(`designer.nodeTypes.${type}.description`)
                    : `${name}: ${t(`designer.nodeTypes.${type}.description`)}`
                }
                aria-label={t('designer.palette.add', { name })}
                className={cx(
                  'flex cursor-grab items-center gap-2.5 rounded-md text-left text-sm text-slate-800 hover:bg-slate-100 active:cursor-grabbing',
                  expanded ? 'w-full px-1.5 py-1.5' : 'p-1',
                )}
              >
                <span
                  className={cx('flex size-7 shrink-0 items-center justify-center rounded-md', visual.tile)}
                >
                  <Icon aria-hidden="true" className="size-4" />
                </span>
                {expanded && <span className="min-w-0 leading-tight font-medium">{name}</span>}
              </button>
            </li>
          );
        })}
      </ul>
      {expanded && <p className="mt-2 px-1 text-xs text-slate-500">{t('designer.palette.hint')}</p>}
    </nav>
  );
}
