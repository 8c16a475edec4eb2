import { ReactFlowProvider } from '@xyflow/react';
import { useDocumentTitle } from '../../stores/brand-store';
import { Monitor } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { cx } from '../../lib/cx';
import { usePhone } from '../../lib/use-media-query';
import { usePermissions } from '../../lib/permissions';
import { pagePaths } from '../../router/routes';
import { AgentSettingsDialog } from '../agents/AgentSettingsDialog';
import { useToastStore } from '../../stores/toast-store';
import { DeployDialog, ImportErrorsDialog, SaveDialog, ShortcutsDialog } from './DesignerDialogs';
import { DesignerHeader, type HeaderDialog } from './DesignerHeader';
import { DesignerSidePanel, useSideTab } from './DesignerSidePanel';
import { isDirty, useDesignerStore } from './designer-store';
import { FlowCanvas } from './FlowCanvas';
import { Palette } from './Palette';
import { useAgentActions } from './use-agent-actions';
import { useFlowFile } from './use-flow-file';
import { useLeaveGuard } from './use-leave-guard';
import { usePalettePreference } from './use-palette-preference';
import { useDesignerShortcuts } from './use-shortcuts';
import { useFlowValidation } from './use-validation';

export default function DesignerPage({ agentId }: { agentId: string }) {
  const { t } = useTranslation();
  const status = useDesignerStore((state) => state.status);
  const error = useDesignerStore((state) => state.error);
  const agent = useDesignerStore((state) => state.agent);
  const open = useDesignerStore((state) => state.open);
  const phone = usePhone();

  useEffect(() => {
    void open(agentId);
  }, [open, agentId]);

  useDocumentTitle(agent?.name ?? t('designer.title'));

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
  if (phone) return <NeedsLargerScreen name={agent?.name ?? null} />;
  if (status !== 'ready' || !agent) return <LoadingState label={t('designer.loading')} />;
  return (
    <ReactFlowProvider>
      <Workspace key={agent.id} agentId={agentId} />
    </ReactFlowProvider>
  );
}

/** Below 768 px there is no room for the palette, the canvas and the side panel: it says so. */
function NeedsLargerScreen({ name }: { name: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="p-4">
      <PageHeader title={name ?? t('designer.title')} />
      <Card>
        <EmptyState icon={Monitor} title={t('designer.smallScreen.title')}>
          <p>{t('designer.smallScreen.body')}</p>
          <p className="mt-4 flex flex-wrap justify-center gap-x-4 gap-y-2">
            <a href={pagePaths.runs} className="font-medium text-indigo-700 hover:underline">
              {t('designer.smallScreen.runs')}
            </a>
            <a href={pagePaths.agents} className="font-medium text-indigo-700 hover:underline">
              {t('designer.backToAgents')}
            </a>
          </p>
        </EmptyState>
      </Card>
    </div>
  );
}

/** The designer of one agent: header, palette, canvas, side panel, and the dialogs they open. */
function Workspace({ agentId }: { agentId: string }) {
  const { t } = useTranslation();
  const { editAgents } = usePermissions();
  const readOnly = !editAgents;
  const agent = useDesignerStore((state) => state.agent)!;
  const dirty = useDesignerStore(isDirty);
  const errorCount = useDesignerStore(
    (state) => state.problems.filter((problem) => problem.severity === 'error').length,
  );
  const showToast = useToastStore((state) => state.show);
  const root = useRef<HTMLDivElement>(null);
  const [tab, setTab] = useSideTab();
  const [dialog, setDialog] = useState<HeaderDialog | null>(null);
  const [paletteExpanded, togglePalette] = usePalettePreference();
  const actions = useAgentActions(agentId);
  const fileInput = useRef<HTMLInputElement>(null);
  const flowFile = useFlowFile(agent.name, fileInput);
  const leaveGuard = useLeaveGuard(dirty);
  const canvasId = `designer-canvas-${agentId}`;
  const dialogProps = (name: HeaderDialog) => ({
    open: dialog === name,
    onOpenChange: (next: boolean) => setDialog(next ? name : null),
  });

  useFlowValidation();
  useDesignerShortcuts(root, {
    readOnly,
    save: () => {
      if (!readOnly) setDialog('save');
    },
    help: () => setDialog('shortcuts'),
  });

  return (
    <div ref={root} className="flex h-full min-h-0 flex-col">
      <DesignerHeader
        agent={agent}
        dirty={dirty}
        readOnly={readOnly}
        onOpen={setDialog}
        onImport={flowFile.chooseFile}
        onExport={flowFile.exportFlow}
        onResume={actions.resume}
      />
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
        <DesignerSidePanel agentId={agentId} readOnly={readOnly} tab={tab} onTabChange={setTab} />
      </div>

      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        className="hidden"
        aria-hidden="true"
        tabIndex={-1}
        onChange={flowFile.onFileChosen}
      />
      <SaveDialog {...dialogProps('save')} nextNumber={agent.currentVersion + 1} onSave={actions.save} />
      <DeployDialog
        {...dialogProps('deploy')}
        dirty={dirty}
        versionNumber={agent.currentVersion}
        errorCount={errorCount}
        onDeploy={actions.deploy}
        onShowProblems={() => setTab('problems')}
      />
      <ConfirmDialog
        {...dialogProps('pause')}
        tone="primary"
        title={t('designer.pause.title', { name: agent.name })}
        description={t('designer.pause.description')}
        confirmLabel={t('designer.pause.confirm')}
        onConfirm={() => actions.setPaused(true)}
      />
      <AgentSettingsDialog
        agent={agent}
        {...dialogProps('settings')}
        onSaved={(next) => {
          actions.updateAgent(next);
          showToast('success', t('agents.settings.saved'));
        }}
      />
      <ShortcutsDialog {...dialogProps('shortcuts')} />
      <ImportErrorsDialog
        errors={flowFile.importErrors?.errors ?? null}
        fileName={flowFile.importErrors?.file ?? ''}
        onClose={flowFile.clearImportErrors}
      />
      <ConfirmDialog
        open={leaveGuard.leaveTo !== null}
        onOpenChange={(next) => !next && leaveGuard.stay()}
        title={t('designer.leave.title')}
        description={t('designer.leave.description')}
        confirmLabel={t('designer.leave.confirm')}
        onConfirm={async () => leaveGuard.leave()}
      />
    </div>
  );
}
