import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ThirdPartyLicence } from '../../contract';

/** Written by scripts/licences.mjs at build time (node scripts/build.mjs), shipped in dist/. */
export const licencesFile = (appRoot: string) => join(appRoot, 'dist', 'third-party-licences.json');

export interface LicenceReport {
  /** When the build that wrote it ran (ms since the epoch). */
  generatedAt: number | null;
  packages: ThirdPartyLicence[];
}

/** The build's licence report, or an empty one for an app run from its sources without a build. */
export function readLicences(appRoot: string): LicenceReport {
  const file = licencesFile(appRoot);
  if (!existsSync(file)) return { generatedAt: null, packages: [] };
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    generatedAt?: string;
    packages?: ThirdPartyLicence[];
  };
  const generatedAt = report.generatedAt ? Date.parse(report.generatedAt) : NaN;
  return {
    generatedAt: Number.isFinite(generatedAt) ? generatedAt : null,
    packages: report.packages ?? [],
  };
}
