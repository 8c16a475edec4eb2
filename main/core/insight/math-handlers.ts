import type { HandlerMap } from '../context';
import { attribute, capability, controlChart, forecast, sigmaLevel } from './math';

/**
 * The calculation methods of insight: pure arithmetic on the caller's input (validated by the
 * contract), so they need no services and touch no tenant data; the caller must still be a
 * signed-in member (viewer or above).
 */
export function insightMathHandlers(): Pick<
  HandlerMap,
  'insight.sigma' | 'insight.capability' | 'insight.controlChart' | 'insight.attribution' | 'insight.forecast'
> {
  return {
    'insight.sigma': (input, ctx) => {
      ctx.auth();
      return sigmaLevel(input);
    },
    'insight.capability': (input, ctx) => {
      ctx.auth();
      return capability(input);
    },
    'insight.controlChart': (input, ctx) => {
      ctx.auth();
      return controlChart(input);
    },
    'insight.attribution': (input, ctx) => {
      ctx.auth();
      return attribute(input);
    },
    'insight.forecast': (input, ctx) => {
      ctx.auth();
      return forecast(input);
    },
  };
}
