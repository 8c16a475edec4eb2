import { Download } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The drawings of one link (or that drawing it failed). */
type Drawn = { link: string; svg: string; png: string } | { link: string; failed: true };

/**
 * The QR code of a link, drawn in the browser (the `qrcode` package loads with this panel, not with
 * the app): an SVG on screen, and a PNG large enough to print, to download.
 */
export function QrCode({ link, fileName }: { link: string; fileName: string }) {
  const { t } = useTranslation();
  const [drawn, setDrawn] = useState<Drawn | null>(null);

  useEffect(() => {
    let current = true;
    void import('qrcode')
      .then(async (qrcode) => {
        const options = { errorCorrectionLevel: 'M' as const, margin: 2 };
        const [svg, png] = await Promise.all([
          qrcode.toString(link, { ...options, type: 'svg' }),
          qrcode.toDataURL(link, { ...options, width: 720 }),
        ]);
        if (current)
          setDrawn({ link, svg: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, png });
      })
      .catch(() => {
        if (current) setDrawn({ link, failed: true });
      });
    return () => {
      current = false;
    };
  }, [link]);

  const current = drawn?.link === link ? drawn : null;
  if (current && 'failed' in current)
    return <p className="text-sm text-slate-600">{t('agents.publish.qr.failed')}</p>;
  const images = current && 'svg' in current ? current : null;
  return (
    <div className="flex flex-col items-start gap-2">
      <div className="size-36 rounded-md bg-white ring-1 ring-slate-200">
        {images && (
          <img
            src={images.svg}
            alt={t('agents.publish.qr.alt', { link })}
            width={144}
            height={144}
            className="size-36"
          />
        )}
      </div>
      {images && (
        <a
          href={images.png}
          download={fileName}
          className="inline-flex items-center gap-1.5 text-sm font-medium text-indigo-700 hover:underline"
        >
          <Download aria-hidden="true" className="size-4" />
          {t('agents.publish.qr.download')}
        </a>
      )}
    </div>
  );
}
