import i18next from 'i18next';
import { useEffect } from 'react';
import { create } from 'zustand';
import type { MethodOutput } from '../contract';
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

type Rgb = [number, number, number];
const rgbOf = (hex: string): Rgb => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as Rgb;
const hexOf = (rgb: Rgb) =>
  `#${rgb
    .map((value) =>
      Math.round(Math.min(255, Math.max(0, value)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
const mix = (from: Rgb, to: Rgb, amount: number): Rgb =>
  from.map((value, i) => value + (to[i]! - value) * amount) as Rgb;

/** WCAG 2 contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = rgbOf(hex).map((value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as Rgb;
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The primary scale (Tailwind's indigo-50…950, which the app's buttons, links and focus rings use)
 * made from one colour: it is the 600, lighter shades mix it with white, darker ones with black.
 * The brand's colour has at least 4.5:1 against white text (the core checks it), so the 600 and
 * every darker shade keep the app's contrast.
 */
export function primaryShades(hex: string): Record<string, string> {
  const base = rgbOf(hex);
  const white: Rgb = [255, 255, 255];
  const black: Rgb = [0, 0, 0];
  const lighter: [string, number][] = [
    ['50', 0.94],
    ['100', 0.87],
    ['200', 0.75],
    ['300', 0.58],
    ['400', 0.38],
    ['500', 0.18],
  ];
  const darker: [string, number][] = [
    ['700', 0.16],
    ['800', 0.32],
    ['900', 0.46],
    ['950', 0.62],
  ];
  return {
    ...Object.fromEntries(lighter.map(([shade, amount]) => [shade, hexOf(mix(base, white, amount))])),
    '600': hexOf(base),
    ...Object.fromEntries(darker.map(([shade, amount]) => [shade, hexOf(mix(base, black, amount))])),
  };
}

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
