// `npm run bench -- mail-render`: one e-mail from a template once the MJML layout is compiled and
// cached (the weekly report, the largest template, in en/nl/nb in turn; target < 20 ms per mail).
import { languages } from '../main/contract';
import { renderTemplate } from '../main/core/lib/mail-templates';
import { sampleData } from '../main/core/lib/mail-templates/samples';

type Emit = (line: Record<string, unknown>) => void;

export async function mailRenderScenario(emit: Emit): Promise<void> {
  const organisation = 'Sykkelverksted Nord';
  const render = (i: number) => {
    const language = languages[i % languages.length]!;
    return renderTemplate('weekly_report', sampleData('weekly_report', language, organisation), {
      language,
      organisation,
      appOrigin: 'https://control.example.com',
    });
  };
  const firstStart = performance.now();
  await render(0);
  const firstMs = performance.now() - firstStart;
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const start = performance.now();
    await render(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 100) / 100;
  emit({
    scenario: 'mail-render',
    firstMs: Math.round(firstMs),
    medianMs: at(0.5),
    p95Ms: at(0.95),
    target: 'median < 20 ms per mail once compiled',
  });
}
