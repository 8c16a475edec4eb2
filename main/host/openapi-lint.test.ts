import {
  Document,
  Spectral,
  type ISpectralDiagnostic,
  type RulesetDefinition,
} from '@stoplight/spectral-core';
import { Json } from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';

const severities = ['error', 'warning', 'info', 'hint'];

/** One line per finding, enough to find and fix it: severity, rule, where, what. */
const describeResult = (result: ISpectralDiagnostic) =>
  `${severities[result.severity] ?? result.severity} ${String(result.code)} at ${result.path.join('.') || '(root)'}: ${result.message}`;

describe('OpenAPI document under Spectral', () => {
  it('passes the spectral:oas ruleset with no finding of any severity', async () => {
    const spectral = new Spectral();
    // `extends: spectral:oas` of a .spectral.yaml: the ruleset's recommended rules (the package's
    // declared type of the ruleset leaves out that `extends` is optional)
    spectral.setRuleset({ extends: [oas as unknown as RulesetDefinition] });
    const text = JSON.stringify(openApiDocument('1.0.0'), null, 2);
    const results = await spectral.run(new Document(text, Json, 'openapi.json'));
    expect(results.map(describeResult)).toEqual([]);
  });
});
