export {
  SearchService,
  type SearchPorts,
  type HelpSearch,
  type Searcher,
  minRoleOf,
  kindWeights,
} from './search-service';
export { searchPorts } from './ports';
export { searchHandlers } from './handlers';
