import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Tabs } from '../../components/Tabs';
import { cx } from '../../lib/cx';
import { useDesignerStore } from './designer-store';
import { NodeInspector } from './NodeInspector';
import { ProblemsPanel } from './ProblemsPanel';
import { TestChat } from './TestChat';
import { VersionsPanel } from './VersionsPanel';

export type SideTab = 'node' | 'problems' | 'versions' | 'chat';

/** The side panel's tab: choosing a node on the canvas shows its properties, unless the test chat is open. */
export function useSideTab(): [tab: SideTab, setTab: (tab: SideTab) => void] {
  const [tab, setTab] = useState<SideTab>('node');
  const selectedId = useDesignerStore((state) => {
    const selected = state.nodes.filter((node) => node.selected);
    return selected.length === 1 ? selected[0]!.id : null;
  });
  const [lastSelected, setLastSelected] = useState(selectedId);
  if (selectedId !== lastSelected) {
    setLastSelected(selectedId);
    if (selectedId && tab !== 'chat' && tab !== 'node') setTab('node');
  }
  return [tab, setTab];
}

const showNode = (nodeId: string) => {
  useDesignerStore.getState().select(nodeId, true);
};

/** Beside the canvas: the selected node, the flow's problems, its versions and the test chat. */
export function DesignerSidePanel({
  agentId,
  readOnly,
  tab,
  onTabChange,
}: {
  agentId: string;
  readOnly: boolean;
  tab: SideTab;
  onTabChange(tab: SideTab): void;
}) {
  const { t } = useTranslation();
  return (
    <aside
      aria-label={t('designer.sidePanel')}
      className="flex w-[22rem] shrink-0 flex-col border-l border-slate-200 bg-white"
    >
      <Tabs<SideTab>
        label={t('designer.sidePanel')}
        value={tab}
        onChange={onTabChange}
        className="h-full"
        panelClassName="overflow-y-auto"
        tabs={[
          { id: 'node', label: t('designer.tabs.node') },
          { id: 'problems', label: t('designer.tabs.problems'), badge: <ProblemsBadge /> },
          { id: 'versions', label: t('designer.tabs.versions') },
          { id: 'chat', label: t('designer.tabs.chat') },
        ]}
        panels={{
          node: <NodeInspector readOnly={readOnly} />,
          problems: <ProblemsPanel onShowNode={showNode} />,
          versions: (
            <VersionsPanel
              agentId={agentId}
              readOnly={readOnly}
              active={tab === 'versions'}
              onShowNode={showNode}
            />
          ),
          chat: <TestChat agentId={agentId} readOnly={readOnly} />,
        }}
      />
    </aside>
  );
}

/** How many errors (or, without errors, warnings) the flow has, on the problems tab. */
function ProblemsBadge() {
  const { t } = useTranslation();
  const problems = useDesignerStore((state) => state.problems);
  if (problems.length === 0) return null;
  const errorCount = problems.filter((problem) => problem.severity === 'error').length;
  const warningCount = problems.length - errorCount;
  return (
    <span
      className={cx(
        'rounded-full px-1.5 text-xs font-semibold text-white',
        errorCount > 0 ? 'bg-red-600' : 'bg-amber-500',
      )}
    >
      {errorCount > 0 ? errorCount : warningCount}
      <span className="sr-only">
        {' '}
        {errorCount > 0
          ? t('designer.problems.errors', { count: errorCount })
          : t('designer.problems.warnings', { count: warningCount })}
      </span>
    </span>
  );
}
