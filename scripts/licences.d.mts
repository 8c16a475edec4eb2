// Types of licences.mjs for the TypeScript that imports it (scripts/licences.test.ts).

export interface ShippedPackage {
  name: string;
  version: string;
  license: string | null;
  homepage: string | null;
  text: string | null;
}

export declare function collectLicences(options: { root: string; roots: string[] }): ShippedPackage[];
export declare function packagesOfModules(moduleIds: Iterable<string>): string[];
export declare function packagesImportedBy(dir: string): string[];
export declare function writeLicences(options: {
  root: string;
  out: string;
  bundled: string[];
}): ShippedPackage[];
