import type { TFunction } from 'i18next';
import type { NodeType } from '../../contract';
import type { NodeSpec } from './flow-meta';

const oneLine = (text: string, max = 80) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

export function nodeTypeName(t: TFunction, type: NodeType): string {
  return t(`designer.nodeTypes.${type}.name`);
}

/** The node's own label, or its type's name. */
export function nodeTitle(t: TFunction, spec: NodeSpec): string {
  return spec.label?.trim() || nodeTypeName(t, spec.type);
}

/** One line saying what the node does, shown on the canvas. */
export function nodeSummary(t: TFunction, spec: NodeSpec): string {
  switch (spec.type) {
    case 'trigger':
      if (spec.data.kind === 'schedule')
        return t('designer.summary.schedule', { cron: spec.data.cron?.trim() || '—' });
      return t(`designer.triggerKinds.${spec.data.kind}`);
    case 'llm':
      return spec.data.model
        ? `${oneLine(spec.data.prompt, 48)} · ${spec.data.model.model}`
        : oneLine(spec.data.prompt) || t('designer.summary.empty');
    case 'intent':
      return t('designer.summary.intents', {
        count: spec.data.intents.length,
        names: oneLine(spec.data.intents.map((intent) => intent.name).join(', '), 60),
      });
    case 'condition':
      return oneLine(spec.data.expression) || t('designer.summary.empty');
    case 'knowledge':
      return t('designer.summary.knowledge', { count: spec.data.topK, query: oneLine(spec.data.query, 50) });
    case 'http':
      return `${spec.data.method} ${oneLine(spec.data.url, 60) || '…'}`;
    case 'set':
      return t('designer.summary.assignments', {
        count: spec.data.assignments.length,
        names: oneLine(spec.data.assignments.map((a) => a.variable).join(', '), 60),
      });
    case 'handoff':
      return t('designer.summary.handoff', { queue: spec.data.queue });
    case 'approval':
      return oneLine(spec.data.prompt) || t('designer.summary.empty');
    case 'reply':
      return oneLine(spec.data.text) || t('designer.summary.empty');
  }
}

/** The name of an output handle as people read it (an intent handle is the intent's name). */
export function handleLabel(t: TFunction, handleId: string): string {
  switch (handleId) {
    case 'out':
    case 'error':
    case 'true':
    case 'false':
    case 'fallback':
    case 'approved':
    case 'rejected':
      return t(`designer.handles.${handleId}`);
    default:
      return handleId;
  }
}
