import i18next from 'i18next';
import { useCallback, useEffect } from 'react';
import { create } from 'zustand';
import type { MethodOutput } from '../contract';
import { primaryShades } from '../lib/brand-colors';
import { brandedText } from '../lib/brand-text';

export { brandedText };
import { transport } from '../transport';

export type Brand = MethodOutput<'brand.get'>;

/** The product's own brand: what the app shows until (and unless) the platform admin sets one. */
export const defaultBrand: Brand = {
  productName: 'Mindframe Control Center',
  logo: null,
  primaryColor: '#4f46e5',
  supportEmail: null,
  mailFromName: null,
  mailFromAddress: null,
  isDefault: true,
};
/** The short form the product's own sentences use ("Mindframe cannot be reached"). */
const defaultShortName = 'Mindframe';

interface BrandState {
  brand: Brand;
  loaded: boolean;
  load(): Promise<void>;
  receive(brand: Brand): void;
}

/** The brand's names as the catalogue's sentences take them: {{product}} and {{productShort}}. */
export function productNames(brand: Brand): { product: string; productShort: string } {
  return brand.isDefault
    ? { product: defaultBrand.productName, productShort: defaultShortName }
    : { product: brand.productName, productShort: brand.productName };
}

export { contrastRatio, primaryShades } from '../lib/brand-colors';

const shadeNames = ['50', '100', '200', '300', '400', '500', '600', '700', '800', '900', '950'];

/** Paints the brand: the primary colour's scale at :root, the catalogue's product name, the theme colour. */
function apply(brand: Brand): void {
  const root = document.documentElement;
  if (brand.isDefault || brand.primaryColor.toLowerCase() === defaultBrand.primaryColor) {
    for (const shade of shadeNames) root.style.removeProperty(`--color-indigo-${shade}`);
  } else {
    for (const [shade, value] of Object.entries(primaryShades(brand.primaryColor)))
      root.style.setProperty(`--color-indigo-${shade}`, value);
  }
  const interpolation = i18next.options.interpolation ?? {};
  i18next.options.interpolation = { ...interpolation, defaultVariables: productNames(brand) };
  // the sentences on screen are said again with the new name
  if (i18next.isInitialized) void i18next.changeLanguage(i18next.language);
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', brand.primaryColor);
}

export const useBrandStore = create<BrandState>()((set) => ({
  brand: defaultBrand,
  loaded: false,
  async load() {
    try {
      useBrandStore.getState().receive(await transport.call('brand.get', {}));
    } catch {
      // without an answer the app wears its own brand
      set({ loaded: true });
    }
  },
  receive(brand) {
    apply(brand);
    set({ brand, loaded: true });
  },
}));

/** `brandedText` with the current brand, for components. */
export function useBranded(): (text: string) => string {
  const brand = useBrandStore((state) => state.brand);
  return useCallback((text: string) => brandedText(text, brand), [brand]);
}

/** The product's name the app shows (the brand's, else "Mindframe Control Center"). */
export function useProductName(): string {
  return useBrandStore((state) => state.brand.productName);
}

/** The product's name in short ("Mindframe"; a brand's name is its only form): window titles. */
export function useProductShortName(): string {
  return useBrandStore((state) => (state.brand.isDefault ? defaultShortName : state.brand.productName));
}

/** document.title as `Page · Product`, kept when the brand changes. */
export function useDocumentTitle(title: string): void {
  const product = useProductShortName();
  useEffect(() => {
    document.title = `${title} · ${product}`;
  }, [title, product]);
}

// an open app repaints as soon as the platform admin saves (the event says only that it changed)
transport.on('brand.changed', () => void useBrandStore.getState().load());
