import type { BadgeTone } from '../../components/Badge';
import type { AgentSummary } from '../../contract';

export const statusTone: Record<AgentSummary['status'], BadgeTone> = {
  draft: 'neutral',
  active: 'success',
  paused: 'warning',
};
