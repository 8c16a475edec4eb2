import { useTranslation } from 'react-i18next';
import { Card } from '../../components/Card';
import { SelectField } from '../../components/Field';
import { useFormat } from '../../i18n/format';
import { isRegionalFormat, regionalFormats } from '../../i18n/region';
import { usePrefsStore } from '../../stores/prefs-store';

/** An example moment shown in every format, so the choice is made by what it looks like. */
const example = Date.UTC(2026, 11, 24, 15, 30);

/** How dates and numbers are written, apart from the language of the words (kept on this device). */
export function RegionalFormatCard() {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const region = usePrefsStore((state) => state.region);
  const setRegion = usePrefsStore((state) => state.setRegion);
  const sample = (tag: string) =>
    `${new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }).format(example)} · ${new Intl.NumberFormat(tag).format(1234.5)}`;
  return (
    <Card
      title={t('regionalFormat.title')}
      titleId="regional-format-title"
      bodyClassName="p-6"
      className="mb-6"
    >
      <SelectField
        label={t('regionalFormat.label')}
        hint={t('regionalFormat.hint', { example: sample(locale) })}
        value={region}
        onChange={(event) => {
          if (isRegionalFormat(event.target.value)) setRegion(event.target.value);
        }}
        options={regionalFormats.map((format) => ({
          value: format,
          label: format === 'auto' ? t('regionalFormat.auto') : `${sample(format)} (${format})`,
        }))}
      />
    </Card>
  );
}
