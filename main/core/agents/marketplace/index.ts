export {
  loadTemplates,
  matchWeights,
  TemplateCatalog,
  TemplateLoadError,
  type TemplateMatch,
} from './catalog';
