import { cx } from '../lib/cx';

const radius = 42;
const circumference = 2 * Math.PI * radius;

interface ScoreRingProps {
  score: number;
  tone: string;
  caption: string;
  label: string;
}

export function ScoreRing({ score, tone, caption, label }: ScoreRingProps) {
  return (
    <div role="img" aria-label={label} className="relative size-32 shrink-0">
      <svg viewBox="0 0 100 100" className="size-full -rotate-90" aria-hidden="true">
        <circle cx="50" cy="50" r={radius} fill="none" strokeWidth="9" className="stroke-slate-100" />
        <circle
          cx="50"
          cy="50"
          r={radius}
          fill="none"
          strokeWidth="9"
          strokeLinecap="round"
          strokeDasharray={`${(score / 100) * circumference} ${circumference}`}
          className={cx('transition-all duration-700', tone)}
        />
      </svg>
      <div aria-hidden="true" className="absolute inset-0 flex flex-col items-center justify-center">
        <span className="text-3xl font-semibold text-slate-900 tabular-nums">{score}</span>
        <span className="text-xs text-slate-500">{caption}</span>
      </div>
    </div>
  );
}
