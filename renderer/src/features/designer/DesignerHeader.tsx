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
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { MenuContent, MenuItem, MenuRoot, MenuTrigger } from '../../components/Menu';
import type { AgentSummary } from '../../contract';
import { cx } from '../../lib/cx';
import { pagePaths } from '../../router/routes';
import { statusTone } from '../agents/agent-status';
import { PublishButton } from '../agents/publish/PublishButton';
import { useDesignerStore } from './designer-store';

/** The dialogs the header's buttons open. */
export type HeaderDialog = 'save' | 'deploy' | 'settings' | 'shortcuts' | 'pause';

interface DesignerHeaderProps {
  agent: AgentSummary;
  dirty: boolean;
  readOnly: boolean;
  onOpen(dialog: HeaderDialog): void;
  onImport(): void;
  onExport(): void;
  onResume(): void;
}

/**
 * Above the canvas: back to the agents, the agent and its versions, the editing tools, save and deploy.
 * Where one row would squeeze the agent's name (1024 px, longer words in Dutch and Norwegian), the
 * tools and actions move to a second row and the name keeps the first.
 */
export function DesignerHeader({
  agent,
  dirty,
  readOnly,
  onOpen,
  onImport,
  onExport,
  onResume,
}: DesignerHeaderProps) {
  const { t } = useTranslation();
  return (
    <header className="flex shrink-0 flex-wrap items-center gap-x-3 gap-y-1.5 border-b border-slate-200 bg-white px-3 py-2">
      <a
        href={pagePaths.agents}
        className="inline-flex items-center gap-1 rounded-md p-1 text-sm font-medium text-slate-600 hover:text-slate-900"
        aria-label={t('designer.backToAgents')}
        title={t('designer.backToAgents')}
      >
        <ArrowLeft aria-hidden="true" className="size-4" />
      </a>
      <AgentHeading agent={agent} dirty={dirty} />
      <div className="ml-auto flex flex-wrap items-center justify-end gap-x-3 gap-y-1.5">
        <DesignerToolbar readOnly={readOnly} onOpen={onOpen} onImport={onImport} onExport={onExport} />
        <PublishButton agent={agent} />
        {!readOnly && <AgentActions agent={agent} dirty={dirty} onOpen={onOpen} onResume={onResume} />}
      </div>
    </header>
  );
}

/** The agent's name and status, the version being edited and the live one, and whether all is saved. */
function AgentHeading({ agent, dirty }: { agent: AgentSummary; dirty: boolean }) {
  const { t } = useTranslation();
  const version = useDesignerStore((state) => state.version);
  return (
    <div className="min-w-0 flex-1 basis-72">
      <div className="flex min-w-0 items-center gap-2">
        <h1
          tabIndex={-1}
          title={agent.name}
          className="line-clamp-2 min-w-0 text-base leading-6 font-semibold break-words text-slate-900 outline-none"
        >
          {agent.name}
        </h1>
        <Badge tone={statusTone[agent.status]}>{t(`agents.status.${agent.status}`)}</Badge>
      </div>
      <p className="flex min-w-0 flex-wrap items-center gap-x-2 text-xs text-slate-500">
        <span>
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
  );
}

/** Undo, redo, tidy up, shortcuts, settings, and import/export in the "more" menu. */
function DesignerToolbar({
  readOnly,
  onOpen,
  onImport,
  onExport,
}: Pick<DesignerHeaderProps, 'readOnly' | 'onOpen' | 'onImport' | 'onExport'>) {
  const { t } = useTranslation();
  const canUndo = useDesignerStore((state) => state.canUndo);
  const canRedo = useDesignerStore((state) => state.canRedo);
  return (
    <div className="flex items-center gap-1" role="toolbar" aria-label={t('designer.toolbar')}>
      {!readOnly && (
        <>
          <ToolButton
            label={t('designer.actions.undo')}
            disabled={!canUndo}
            onClick={() => useDesignerStore.getState().undo()}
          >
            <Undo2 aria-hidden="true" className="size-4" />
          </ToolButton>
          <ToolButton
            label={t('designer.actions.redo')}
            disabled={!canRedo}
            onClick={() => useDesignerStore.getState().redo()}
          >
            <Redo2 aria-hidden="true" className="size-4" />
          </ToolButton>
          <ToolButton
            label={t('designer.actions.layout')}
            onClick={() => useDesignerStore.getState().layout()}
          >
            <LayoutGrid aria-hidden="true" className="size-4" />
          </ToolButton>
        </>
      )}
      <ToolButton label={t('designer.actions.shortcuts')} onClick={() => onOpen('shortcuts')}>
        <Keyboard aria-hidden="true" className="size-4" />
      </ToolButton>
      {!readOnly && (
        <ToolButton label={t('designer.actions.settings')} onClick={() => onOpen('settings')}>
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
            <MenuItem icon={<Upload aria-hidden="true" className="size-4" />} onSelect={onImport}>
              {t('designer.actions.import')}
            </MenuItem>
          )}
          <MenuItem icon={<Download aria-hidden="true" className="size-4" />} onSelect={onExport}>
            {t('designer.actions.export')}
          </MenuItem>
        </MenuContent>
      </MenuRoot>
    </div>
  );
}

/** Pause or resume a live agent, save a version, deploy. */
function AgentActions({
  agent,
  dirty,
  onOpen,
  onResume,
}: Pick<DesignerHeaderProps, 'agent' | 'dirty' | 'onOpen' | 'onResume'>) {
  const { t } = useTranslation();
  return (
    <div className="flex items-center gap-2">
      {agent.status === 'active' && (
        <Button
          size="sm"
          icon={<Pause aria-hidden="true" className="size-4" />}
          onClick={() => onOpen('pause')}
        >
          {t('designer.actions.pause')}
        </Button>
      )}
      {agent.status === 'paused' && (
        <Button size="sm" icon={<Play aria-hidden="true" className="size-4" />} onClick={onResume}>
          {t('designer.actions.resume')}
        </Button>
      )}
      <Button
        size="sm"
        variant={dirty ? 'primary' : 'secondary'}
        icon={<Save aria-hidden="true" className="size-4" />}
        onClick={() => onOpen('save')}
      >
        {t('designer.actions.save')}
      </Button>
      <Button
        size="sm"
        variant={dirty ? 'secondary' : 'primary'}
        icon={<Rocket aria-hidden="true" className="size-4" />}
        onClick={() => onOpen('deploy')}
      >
        {t('designer.actions.deploy')}
      </Button>
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
