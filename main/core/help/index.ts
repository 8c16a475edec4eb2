export { HelpLibrary, wordsOf, type HelpSearchHit } from './library';
export { helpHandlers, type HelpHandlerDeps } from './handlers';
export { readLicences, licencesFile, type LicenceReport } from './about';
