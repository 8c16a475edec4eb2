import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { NodeType } from '../../contract';
import { cx } from '../../lib/cx';
import { selectSingleSelected, useDesignerStore } from './designer-store';
import { paletteMime } from './FlowCanvas';
import { nodeTypeList } from './flow-meta';
import { gridSize, nodeWidth } from './layout';
import { nodeVisuals } from './node-visuals';

const snap = (value: number) => Math.round(value / gridSize) * gridSize;

/**
 * Node types to drag onto the canvas; a click (or Enter) adds the node instead: below the selected
 * node and connected to it, or in the middle of the view.
 */
export function Palette({ canvasId }: { canvasId: string }) {
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
      const center = box ? screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
      position = { x: center.x - nodeWidth / 2, y: center.y - 40 };
    }
    const id = addNode(type, { x: snap(position.x), y: snap(position.y) }, selected?.id);
    select(id, true);
  };

  return (
    <nav aria-label={t('designer.palette.title')} className="flex flex-col gap-1 p-3">
      <h2 className="px-1 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {t('designer.palette.title')}
      </h2>
      <ul className="flex flex-col gap-1">
        {nodeTypeList.map((type) => {
          const visual = nodeVisuals[type];
          const Icon = visual.icon;
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
                title={t(`designer.nodeTypes.${type}.description`)}
                aria-label={t('designer.palette.add', { name: t(`designer.nodeTypes.${type}.name`) })}
                className="flex w-full cursor-grab items-center gap-2.5 rounded-md px-1.5 py-1.5 text-left text-sm text-slate-800 hover:bg-slate-100 active:cursor-grabbing"
              >
                <span className={cx('flex size-7 shrink-0 items-center justify-center rounded-md', visual.tile)}>
                  <Icon aria-hidden="true" className="size-4" />
                </span>
                <span className="min-w-0 truncate font-medium">{t(`designer.nodeTypes.${type}.name`)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <p className="mt-2 px-1 text-xs text-slate-500">{t('designer.palette.hint')}</p>
    </nav>
  );
}
