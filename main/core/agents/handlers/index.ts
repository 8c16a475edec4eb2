export { agentsHandlers } from './agents';
export { knowledgeHandlers } from './knowledge';
export { providersHandlers } from './providers';
export { runsHandlers } from './runs';
export { templatesHandlers } from './templates';
