import type { TemplateFile } from '../../../contract';
import type { ResolvedModel } from '../runtime/model-chain';

export interface RankedTemplate {
  template: TemplateFile;
  score: number;
  matchedTerms: string[];
}

/**
 * Asks a configured model to reorder the offline candidates for a need. The model only sees the
 * candidates' ids and English names and descriptions, and may only reorder them: an answer that
 * is not a JSON list of those ids is ignored and the offline order stays.
 */
export async function rerankWithModel(
  need: string,
  candidates: RankedTemplate[],
  model: ResolvedModel,
  timeoutMs = 8_000,
): Promise<RankedTemplate[] | null> {
  if (candidates.length < 2) return null;
  const list = candidates
    .map((c) => `- ${c.template.id}: ${c.template.name.en}. ${c.template.description.en}`)
    .join('\n');
  try {
    const result = await model.model.complete({
      model: model.ref.model,
      temperature: 0,
      maxTokens: 300,
      signal: AbortSignal.timeout(timeoutMs),
      messages: [
        {
          role: 'system',
          content:
            'You match a small business need to agent templates. Answer only with a JSON array of template ids, best first, using only ids from the list.',
        },
        { role: 'user', content: `Need: ${need}\n\nTemplates:\n${list}` },
      ],
    });
    const match = /\[[\s\S]*\]/.exec(result.text);
    if (!match) return null;
    const ids = JSON.parse(match[0]) as unknown;
    if (!Array.isArray(ids)) return null;
    const byId = new Map(candidates.map((c) => [c.template.id, c]));
    const ordered = [
      ...new Set(ids.filter((id): id is string => typeof id === 'string' && byId.has(id))),
    ].map((id) => byId.get(id)!);
    if (ordered.length === 0) return null;
    const rest = candidates.filter((c) => !ordered.includes(c));
    const all = [...ordered, ...rest];
    return all.map((c, i) => ({ ...c, score: Math.round((1 - i / all.length) * 1000) / 1000 }));
  } catch {
    return null;
  }
}
