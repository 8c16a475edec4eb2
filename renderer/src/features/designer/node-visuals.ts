import {
  BookOpen,
  Braces,
  GitBranch,
  Globe,
  Headset,
  MessageSquareText,
  ShieldCheck,
  Signpost,
  Sparkles,
  Zap,
  type LucideIcon,
} from 'lucide-react';
import type { NodeType } from '../../contract';

export interface NodeVisual {
  icon: LucideIcon;
  /** Icon tile colours. */
  tile: string;
  /** Minimap colour. */
  color: string;
}

export const nodeVisuals: Record<NodeType, NodeVisual> = {
  trigger: { icon: Zap, tile: 'bg-emerald-100 text-emerald-700', color: '#10b981' },
  llm: { icon: Sparkles, tile: 'bg-violet-100 text-violet-700', color: '#8b5cf6' },
  intent: { icon: Signpost, tile: 'bg-sky-100 text-sky-700', color: '#0ea5e9' },
  condition: { icon: GitBranch, tile: 'bg-amber-100 text-amber-800', color: '#f59e0b' },
  knowledge: { icon: BookOpen, tile: 'bg-teal-100 text-teal-700', color: '#14b8a6' },
  http: { icon: Globe, tile: 'bg-blue-100 text-blue-700', color: '#3b82f6' },
  set: { icon: Braces, tile: 'bg-slate-200 text-slate-700', color: '#64748b' },
  handoff: { icon: Headset, tile: 'bg-rose-100 text-rose-700', color: '#f43f5e' },
  approval: { icon: ShieldCheck, tile: 'bg-orange-100 text-orange-700', color: '#f97316' },
  reply: { icon: MessageSquareText, tile: 'bg-indigo-100 text-indigo-700', color: '#6366f1' },
};
