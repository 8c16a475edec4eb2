import type { HandlerMap } from '../context';
import type { EventBus } from '../lib/events';
import { AppError } from '../lib/errors';
import { readLogo } from './logo';
import type { BrandStore } from './store';

export interface BrandHandlerDeps {
  brand: BrandStore;
  events: EventBus;
}

/** What the audit keeps of a brand: everything but the logo's bytes (their size instead). */
function audited(brand: ReturnType<BrandStore['get']>) {
  const { logo, ...rest } = brand;
  return { ...rest, logoBytes: logo ? Math.floor((logo.length - logo.indexOf(',') - 1) * 0.75) : null };
}

export function brandHandlers(
  deps: BrandHandlerDeps,
): Pick<HandlerMap, 'brand.get' | 'brand.save' | 'brand.reset'> {
  const { brand, events } = deps;
  const announce = (productName: string) =>
    events.emit('brand.changed', { productName }, { kind: 'installation' });
  return {
    'brand.get': (_input, _ctx) => brand.get(),

    'brand.save': (input, ctx) => {
      if (input.logo) {
        const logo = readLogo(input.logo);
        if (typeof logo === 'string')
          throw new AppError(
            'VALIDATION',
            logo === 'brand_logo_too_large'
              ? 'The logo must be at most 256 KB'
              : 'The logo is not the PNG, JPEG or WebP image it says it is',
            {
              field: 'logo',
              reason: logo,
              ...(logo === 'brand_logo_too_large' ? { params: { maximum: 256 } } : {}),
            },
          );
      }
      const before = brand.get();
      const after = brand.save(input);
      ctx.audit({
        action: 'brand.save',
        targetType: 'installation',
        details: { before: audited(before), after: audited(after) },
      });
      announce(after.productName);
      return after;
    },

    'brand.reset': (_input, ctx) => {
      const before = brand.get();
      const after = brand.reset();
      ctx.audit({ action: 'brand.reset', targetType: 'installation', details: { before: audited(before) } });
      announce(after.productName);
      return after;
    },
  };
}
