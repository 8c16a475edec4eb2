import { create } from 'zustand';
import { defaultZeroChurn, type ZeroChurnChoice } from './economics-data';

/**
 * The economics page's settings and chosen month, kept while the platform admin looks elsewhere
 * (leaving the page and coming back shows the same range, forecast, zero-churn meaning and month).
 */
export interface EconomicsViewState {
  months: number;
  forecastMonths: number;
  zeroChurn: ZeroChurnChoice;
  /** The month whose figures the cards show ("2026-07"); null: the default (the last whole month). */
  chosenMonth: string | null;
  setMonths(months: number): void;
  setForecastMonths(months: number): void;
  setZeroChurn(choice: ZeroChurnChoice): void;
  setChosenMonth(month: string | null): void;
}

export const useEconomicsViewStore = create<EconomicsViewState>()((set) => ({
  months: 12,
  forecastMonths: 6,
  zeroChurn: defaultZeroChurn,
  chosenMonth: null,
  setMonths: (months) => set({ months }),
  setForecastMonths: (forecastMonths) => set({ forecastMonths }),
  setZeroChurn: (zeroChurn) => set({ zeroChurn }),
  setChosenMonth: (chosenMonth) => set({ chosenMonth }),
}));
