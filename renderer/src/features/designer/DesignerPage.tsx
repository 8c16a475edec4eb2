import { ReactFlowProvider } from '@xyflow/react';
import {
  ArrowLeft,
  Download,
  EllipsisVertical,
  Keyboard,
  LayoutGrid,
  Pause,
  Play,
  Redo2,
  Rocket,
  Save,
  Settings,
  Undo2,
  Upload,
} from 'lucide-react';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { MenuContent, MenuItem, MenuRoot, MenuTrigger } from '../../components/Menu';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { Tabs } from '../../components/Tabs';
import type { AgentSummary } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { cx } from '../../lib/cx';
import { usePermissions } from '../../lib/permissions';
import { pagePaths } from '../../router/routes';
import { navigateUnguarded, setNavigationGuard } from '../../router/use-route';
import { useAgentsStore } from '../../stores/agents-store';
import { useToastStore } from '../../stores/toast-store';
import { toCallError, transport } from '../../transport';
import { AgentSettingsDialog } from '../agents/AgentSettingsDialog';
import { statusTone } from '../agents/agent-status';
import { DeployDialog, ImportErrorsDialog, SaveDialog, ShortcutsDialog } from './DesignerDialogs';
import { isDirty, useDesignerStore } from './designer-store';
import { FlowCanvas } from './FlowCanvas';
import { exportFileName, parseFlowJson, type ImportError } from './import-flow';
import { NodeInspector } from './NodeInspector';
import { Palette } from './Palette';
import { ProblemsPanel } from './ProblemsPanel';
import { TestChat } from './TestChat';
import { useDesignerShortcuts } from './use-shortcuts';
import { useFlowValidation } from './use-validation';
import { VersionsPanel } from './VersionsPanel';

type SideTab = 'node' | 'problems' | 'versions' | 'chat';

const paletteKey = 'mindframe.designer.palette';

/** The palette shows names on wide screens and icons only on narrow ones, unless the user chose. */
function readPalettePreference(): boolean {
  try {
    const stored = localStorage.getItem(paletteKey);
    if (stored === 'expanded' || stored === 'collapsed') return stored === 'expanded';
  } catch {
    // storage can be unavailable; fall back to the screen width
  }
  return window.innerWidth >= 1440;
}

function writePalettePreference(expanded: boolean): void {
  try {
    localStorage.setItem(paletteKey, expanded ? 'expanded' : 'collapsed');
  } catch {
    // not remembered: the choice holds for this visit
  }
}

export default function DesignerPage({ agentId }: { agentId: string }) {
  const { t } = useTranslation();
  const status = useDesignerStore((state) => state.status);
  const error = useDesignerStore((state) => state.error);
  const agent = useDesignerStore((state) => state.agent);
  const open = useDesignerStore((state) => state.open);

  useEffect(() => {
    void open(agentId);
  }, [open, agentId]);

  useEffect(() => {
    document.title = `${agent?.name ?? t('designer.title')} · Mindframe`;
  }, [agent?.name, t]);

  if (status === 'error') {
    return (
      <div className="p-8">
        <Card>
          <ErrorState error={error} title={t('designer.loadFailed')} onRetry={() => void open(agentId)} />
          <p className="pb-8 text-center">
            <a href={pagePaths.agents} className="text-sm font-medium text-indigo-700 hover:underline">
              {t('designer.backToAgents')}
            </a>
          </p>
        </Card>
      </div>
    );
  }
  if (status !== 'ready' || !agent) return <LoadingState label={t('designer.loading')} />;
  return (
    <ReactFlowProvider>
      <Workspace key={agent.id} agentId={agentId} />
    </ReactFlowProvider>
  );
}

function Workspace({ agentId }: { agentId: string }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { editAgents } = usePermissions();
  const readOnly = !editAgents;
  const agent = useDesignerStore((state) => state.agent)!;
  const version = useDesignerStore((state) => state.version);
  const dirty = useDesignerStore(isDirty);
  const canUndo = useDesignerStore((state) => state.canUndo);
  const canRedo = useDesignerStore((state) => state.canRedo);
  const problems = useDesignerStore((state) => state.problems);
  const store = useDesignerStore;
  const upsertAgent = useAgentsStore((state) => state.upsert);
  const showToast = useToastStore((state) => state.show);
  const root = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [tab, setTab] = useState<SideTab>('node');
  const [dialog, setDialog] = useState<null | 'save' | 'deploy' | 'settings' | 'shortcuts' | 'pause'>(null);
  const [leaveTo, setLeaveTo] = useState<string | null>(null);
  const [importErrors, setImportErrors] = useState<{ file: string; errors: ImportError[] } | null>(null);
  const canvasId = `designer-canvas-${agentId}`;
  const [paletteExpanded, setPaletteExpanded] = useState(readPalettePreference);
  const togglePalette = () =>
    setPaletteExpanded((open) => {
      writePalettePreference(!open);
      return !open;
    });

  useFlowValidation();

  const errorCount = problems.filter((problem) => problem.severity === 'error').length;
  const warningCount = problems.length - errorCount;

  const updateAgent = useCallback(
    (next: AgentSummary) => {
      store.getState().setAgent(next);
      upsertAgent(next);
    },
    [store, upsertAgent],
  );

  const save = useCallback(
    async (note: string) => {
      const state = store.getState();
      const seq = state.editSeq;
      const result = await transport.call('agents.saveVersion', { agentId, flow: state.flow(), note });
      store.getState().markSaved(result.version, seq);
      store.getState().setProblems(result.problems, 'done');
      updateAgent({
        ...store.getState().agent!,
        currentVersion: result.version.number,
        updatedAt: result.version.createdAt,
      });
      const errors = result.problems.filter((problem) => problem.severity === 'error').length;
      showToast(
        'success',
        errors > 0
          ? t('designer.save.savedWithErrors', { number: result.version.number, count: errors })
          : t('designer.save.saved', { number: result.version.number }),
      );
    },
    [agentId, store, updateAgent, showToast, t],
  );

  const deploy = async () => {
    if (isDirty(store.getState())) await save(t('designer.deploy.autoNote'));
    const deployed = await transport.call('agents.deploy', { agentId });
    updateAgent(deployed);
    showToast(
      'success',
      t('designer.deploy.done', { number: deployed.deployedVersion ?? deployed.currentVersion }),
    );
  };

  const setPaused = async (paused: boolean) => {
    const next = await transport.call('agents.pause', { agentId, paused });
    updateAgent(next);
    showToast('success', paused ? t('designer.pause.paused') : t('designer.pause.resumed'));
  };

  const showNode = useCallback(
    (nodeId: string) => {
      store.getState().select(nodeId, true);
    },
    [store],
  );

  const exportFlow = () => {
    const flow = store.getState().flow();
    const blob = new Blob([`${JSON.stringify(flow, null, 2)}\n`], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = exportFileName(agent.name);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };

  const importFile = async (file: File) => {
    if (file.size > 5_000_000) {
      setImportErrors({ file: file.name, errors: [{ path: '', code: 'tooLong', detail: '5 MB' }] });
      return;
    }
    const result = parseFlowJson(await file.text());
    if (!result.ok) {
      setImportErrors({ file: file.name, errors: result.errors });
      return;
    }
    store.getState().replaceFlow(result.flow);
    showToast('success', t('designer.import.done', { count: result.flow.nodes.length, file: file.name }));
  };

  useDesignerShortcuts(root, {
    readOnly,
    save: () => {
      if (!readOnly) setDialog('save');
    },
    help: () => setDialog('shortcuts'),
  });

  // ask before leaving with unsaved changes: in the app (hash links) and when closing the window
  useEffect(() => {
    if (!dirty) return;
    const release = setNavigationGuard((next) => {
      setLeaveTo(next);
      return false;
    });
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      release();
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [dirty]);

  // choosing a node on the canvas shows its properties, unless the test chat is open
  const selectedId = useDesignerStore((state) => {
    const selected = state.nodes.filter((node) => node.selected);
    return selected.length === 1 ? selected[0]!.id : null;
  });
  const [lastSelected, setLastSelected] = useState(selectedId);
  if (selectedId !== lastSelected) {
    setLastSelected(selectedId);
    if (selectedId && tab !== 'chat' && tab !== 'node') setTab('node');
  }

  const statusLabel = t(`agents.status.${agent.status}`);
  return (
    <div ref={root} className="flex h-full min-h-0 flex-col">
      <header className="flex shrink-0 items-center gap-x-3 border-b border-slate-200 bg-white px-3 py-2">
        <a
          href={pagePaths.agents}
          className="inline-flex items-center gap-1 rounded-md p-1 text-sm font-medium text-slate-600 hover:text-slate-900"
          aria-label={t('designer.backToAgents')}
          title={t('designer.backToAgents')}
        >
          <ArrowLeft aria-hidden="true" className="size-4" />
        </a>
        <div className="min-w-0 flex-1">
          <div className="flex min-w-0 items-center gap-2">
            <h1
              tabIndex={-1}
              className="truncate text-base leading-6 font-semibold text-slate-900 outline-none"
            >
              {agent.name}
            </h1>
            <Badge tone={statusTone[agent.status]}>{statusLabel}</Badge>
          </div>
          <p className="flex min-w-0 items-center gap-x-2 text-xs whitespace-nowrap text-slate-500">
            <span className="truncate">
              {version ? t('designer.versionShort', { number: version.number }) : ''}
              {agent.deployedVersion !== null &&
                ` · ${t('designer.liveVersion', { number: agent.deployedVersion })}`}
            </span>
            <span
              role="status"
              className={cx('inline-flex items-center gap-1.5', dirty ? 'text-amber-700' : 'text-slate-500')}
            >
              <span
                className={cx('size-2 shrink-0 rounded-full', dirty ? 'bg-amber-500' : 'bg-emerald-500')}
                aria-hidden="true"
              />
              {dirty ? t('designer.unsaved') : t('designer.saved')}
            </span>
          </p>
        </div>
        <div className="flex items-center gap-1" role="toolbar" aria-label={t('designer.toolbar')}>
          {!readOnly && (
            <>
              <ToolButton
                label={t('designer.actions.undo')}
                disabled={!canUndo}
                onClick={() => store.getState().undo()}
              >
                <Undo2 aria-hidden="true" className="size-4" />
              </ToolButton>
              <ToolButton
                label={t('designer.actions.redo')}
                disabled={!canRedo}
                onClick={() => store.getState().redo()}
              >
                <Redo2 aria-hidden="true" className="size-4" />
              </ToolButton>
              <ToolButton label={t('designer.actions.layout')} onClick={() => store.getState().layout()}>
                <LayoutGrid aria-hidden="true" className="size-4" />
              </ToolButton>
            </>
          )}
          <ToolButton label={t('designer.actions.shortcuts')} onClick={() => setDialog('shortcuts')}>
            <Keyboard aria-hidden="true" className="size-4" />
          </ToolButton>
          {!readOnly && (
            <ToolButton label={t('designer.actions.settings')} onClick={() => setDialog('settings')}>
              <Settings aria-hidden="true" className="size-4" />
            </ToolButton>
          )}
          <MenuRoot>
            <MenuTrigger asChild>
              <button
                type="button"
                aria-label={t('designer.actions.more')}
                title={t('designer.actions.more')}
                className="rounded-md p-2 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
              >
                <EllipsisVertical aria-hidden="true" className="size-4" />
              </button>
            </MenuTrigger>
            <MenuContent>
              {!readOnly && (
                <MenuItem
                  icon={<Upload aria-hidden="true" className="size-4" />}
                  onSelect={() => fileInput.current?.click()}
                >
                  {t('designer.actions.import')}
                </MenuItem>
              )}
              <MenuItem icon={<Download aria-hidden="true" className="size-4" />} onSelect={exportFlow}>
                {t('designer.actions.export')}
              </MenuItem>
            </MenuContent>
          </MenuRoot>
        </div>
        {!readOnly && (
          <div className="flex items-center gap-2">
            {agent.status === 'active' && (
              <Button
                size="sm"
                icon={<Pause aria-hidden="true" className="size-4" />}
                onClick={() => setDialog('pause')}
              >
                {t('designer.actions.pause')}
              </Button>
            )}
            {agent.status === 'paused' && (
              <Button
                size="sm"
                icon={<Play aria-hidden="true" className="size-4" />}
                onClick={() =>
                  void setPaused(false).catch((caught: unknown) =>
                    showToast('error', message(toCallError(caught))),
                  )
                }
              >
                {t('designer.actions.resume')}
              </Button>
            )}
            <Button
              size="sm"
              variant={dirty ? 'primary' : 'secondary'}
              icon={<Save aria-hidden="true" className="size-4" />}
              onClick={() => setDialog('save')}
            >
              {t('designer.actions.save')}
            </Button>
            <Button
              size="sm"
              variant={dirty ? 'secondary' : 'primary'}
              icon={<Rocket aria-hidden="true" className="size-4" />}
              onClick={() => setDialog('deploy')}
            >
              {t('designer.actions.deploy')}
            </Button>
          </div>
        )}
      </header>
      <div className="flex min-h-0 flex-1">
        {!readOnly && (
          <div
            className={cx(
              'shrink-0 overflow-y-auto border-r border-slate-200 bg-white',
              paletteExpanded ? 'w-44' : 'w-12',
            )}
          >
            <Palette canvasId={canvasId} expanded={paletteExpanded} onToggle={togglePalette} />
          </div>
        )}
        <div id={canvasId} className="relative min-w-0 flex-1 bg-slate-50">
          <FlowCanvas readOnly={readOnly} label={t('designer.canvas.label', { name: agent.name })} />
        </div>
        <aside
          aria-label={t('designer.sidePanel')}
          className="flex w-[22rem] shrink-0 flex-col border-l border-slate-200 bg-white"
        >
          <Tabs<SideTab>
            label={t('designer.sidePanel')}
            value={tab}
            onChange={setTab}
            className="h-full"
            panelClassName="overflow-y-auto"
            tabs={[
              { id: 'node', label: t('designer.tabs.node') },
              {
                id: 'problems',
                label: t('designer.tabs.problems'),
                badge:
                  problems.length > 0 ? (
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
                  ) : undefined,
              },
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
      </div>

      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        className="hidden"
        aria-hidden="true"
        tabIndex={-1}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void importFile(file);
        }}
      />
      <SaveDialog
        open={dialog === 'save'}
        onOpenChange={(next) => setDialog(next ? 'save' : null)}
        nextNumber={agent.currentVersion + 1}
        onSave={save}
      />
      <DeployDialog
        open={dialog === 'deploy'}
        onOpenChange={(next) => setDialog(next ? 'deploy' : null)}
        dirty={dirty}
        versionNumber={agent.currentVersion}
        errorCount={errorCount}
        onDeploy={deploy}
        onShowProblems={() => setTab('problems')}
      />
      <ConfirmDialog
        open={dialog === 'pause'}
        onOpenChange={(next) => setDialog(next ? 'pause' : null)}
        tone="primary"
        title={t('designer.pause.title', { name: agent.name })}
        description={t('designer.pause.description')}
        confirmLabel={t('designer.pause.confirm')}
        onConfirm={() => setPaused(true)}
      />
      <AgentSettingsDialog
        agent={agent}
        open={dialog === 'settings'}
        onOpenChange={(next) => setDialog(next ? 'settings' : null)}
        onSaved={(next) => {
          updateAgent(next);
          showToast('success', t('agents.settings.saved'));
        }}
      />
      <ShortcutsDialog
        open={dialog === 'shortcuts'}
        onOpenChange={(next) => setDialog(next ? 'shortcuts' : null)}
      />
      <ImportErrorsDialog
        errors={importErrors?.errors ?? null}
        fileName={importErrors?.file ?? ''}
        onClose={() => setImportErrors(null)}
      />
      <ConfirmDialog
        open={leaveTo !== null}
        onOpenChange={(next) => !next && setLeaveTo(null)}
        title={t('designer.leave.title')}
        description={t('designer.leave.description')}
        confirmLabel={t('designer.leave.confirm')}
        onConfirm={async () => {
          const target = leaveTo;
          setLeaveTo(null);
          if (target !== null) navigateUnguarded(target || '#/');
        }}
      />
    </div>
  );
}

function ToolButton({
  label,
  children,
  onClick,
  disabled,
}: {
  label: string;
  children: ReactNode;
  onClick(): void;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className="rounded-md p-2 text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:text-slate-300 disabled:hover:bg-transparent"
    >
      {children}
    </button>
  );
}
