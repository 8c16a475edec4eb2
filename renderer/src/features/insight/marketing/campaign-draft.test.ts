import { describe, expect, it } from 'vitest';
import { checkDraft, draftOf } from './campaign-draft';

const base = {
  name: ' Spring sale ',
  channel: 'Paid_Search',
  spend: '1 250,50',
  startsAt: '2026-10-01',
  endsAt: '2026-10-31',
  utmSource: ' Google ',
  utmMedium: '',
  utmCampaign: 'Spring',
};

describe('the campaign dialog', () => {
  it('turns a draft into what the core keeps: minor units, whole days, tags lower-cased', () => {
    const checked = checkDraft(base);
    expect(checked).toEqual({
      ok: true,
      input: {
        name: 'Spring sale',
        channel: 'paid_search',
        spend: 125_050,
        startsAt: Date.UTC(2026, 9, 1),
        endsAt: Date.UTC(2026, 10, 1) - 1,
        utmSource: 'google',
        utmMedium: null,
        utmCampaign: 'spring',
      },
    });
    // and back: the dialog shows the same days and amount
    if (!checked.ok) return;
    const shown = draftOf(
      {
        ...checked.input,
        id: 'x',
        createdAt: 0,
        endsAt: checked.input.endsAt ?? null,
        utmSource: 'google',
        utmMedium: null,
        utmCampaign: 'spring',
      },
      0,
    );
    expect(shown).toMatchObject({ spend: '1250.50', startsAt: '2026-10-01', endsAt: '2026-10-31' });
  });

  it('says what is wrong: no name, a negative spend, an end before the start', () => {
    expect(checkDraft({ ...base, name: ' ', spend: '-5', endsAt: '2026-09-30' })).toEqual({
      ok: false,
      problems: { name: 'nameRequired', spend: 'spendInvalid', endsAt: 'endBeforeStart' },
    });
    expect(checkDraft({ ...base, channel: '', startsAt: '' })).toMatchObject({
      ok: false,
      problems: { channel: 'channelRequired', startsAt: 'startRequired' },
    });
    expect(checkDraft({ ...base, endsAt: '' })).toMatchObject({ ok: true, input: { endsAt: null } });
  });
});
