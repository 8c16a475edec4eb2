import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ModelPrice {
  model: string;
  /** US dollars per million input tokens, which is also micro-dollars per token. */
  input: number;
  output: number;
}

/** Model prices from assets/model-prices.json: exact name first, then the longest matching prefix. */
export class PriceTable {
  private readonly prices: ModelPrice[];

  constructor(prices: ModelPrice[]) {
    this.prices = [...prices].sort((a, b) => b.model.length - a.model.length);
  }

  static load(appRoot: string): PriceTable {
    const file = JSON.parse(readFileSync(join(appRoot, 'assets', 'model-prices.json'), 'utf8')) as {
      prices: ModelPrice[];
    };
    return new PriceTable(file.prices);
  }

  priceOf(model: string): ModelPrice | null {
    const name = model.toLowerCase();
    return (
      this.prices.find((p) => p.model === name) ?? this.prices.find((p) => name.startsWith(p.model)) ?? null
    );
  }

  /** Cost in micro-dollars; unknown models cost 0 and say so through `known`. */
  costMicros(model: string, tokensIn: number, tokensOut: number): { micros: number; known: boolean } {
    const price = this.priceOf(model);
    if (!price) return { micros: 0, known: false };
    return { micros: Math.round(tokensIn * price.input + tokensOut * price.output), known: true };
  }
}
