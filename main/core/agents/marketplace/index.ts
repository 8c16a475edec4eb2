export {
  loadTemplates,
  matchWeights,
  TemplateCatalog,
  TemplateLoadError,
  type TemplateMatch,
} from './catalog';
export { businessDetailsUsed, businessNamesIn, fillBusinessDetails } from './business-details';
