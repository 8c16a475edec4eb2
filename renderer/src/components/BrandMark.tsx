import { cx } from '../lib/cx';
import { useBrandStore } from '../stores/brand-store';

/** The product's mark: the brand's logo when the platform admin set one, else Mindframe's. Decorative (the name is beside it). */
export function BrandMark({ className }: { className?: string }) {
  const logo = useBrandStore((state) => state.brand.logo);
  if (logo)
    return (
      <img
        src={logo}
        alt=""
        aria-hidden="true"
        data-testid="brand-logo"
        className={cx('size-8 shrink-0 rounded-md object-contain', className)}
      />
    );
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={cx('size-8 shrink-0', className)}>
      <rect width="32" height="32" rx="8" className="fill-indigo-600" />
      <path
        d="M8 22V10l8 7 8-7v12"
        fill="none"
        stroke="white"
        strokeWidth="2.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
