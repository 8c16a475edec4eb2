export { LogsService, type LogsServiceDeps } from './logs-service';
export { LogReader, type LogQuery, type LogPage } from './log-reader';
export { ErrorTracker, describeError } from './error-tracker';
export { LiveTail } from './live-tail';
export { installProcessHandlers, type ProcessHandlerOptions } from './process-handlers';
export { logsHandlers } from './handlers';
