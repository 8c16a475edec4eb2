import { useTranslation } from 'react-i18next';
import { parseDevice } from './security-meta';

/** A session's device in the user's language ("Chrome op Linux", "Script"). */
export function useDeviceLabel(): (device: string) => string {
  const { t } = useTranslation();
  return (device) => {
    const label = parseDevice(device);
    if (label.kind === 'unknown') return t('security.devices.unknown');
    if (label.kind === 'desktop') return t('security.devices.desktop');
    if (label.kind === 'raw') return label.text;
    const browser =
      label.browser === 'Script'
        ? t('security.devices.script')
        : label.browser === 'Browser'
          ? t('security.devices.browser')
          : label.browser;
    return label.os ? t('security.devices.on', { browser, os: label.os }) : browser;
  };
}
