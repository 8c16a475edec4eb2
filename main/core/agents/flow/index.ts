export {
  evaluateExpression,
  evaluateSource,
  ExpressionError,
  expressionLimits,
  expressionVariables,
  parseExpression,
  truthy,
  type BinaryOperator,
  type ExpressionNode,
  type ExpressionSyntaxProblem,
  type ParseExpressionResult,
} from './expression';
export {
  parseTemplate,
  renderTemplate,
  TemplateError,
  templateVariables,
  type ParseTemplateResult,
  type TemplatePart,
} from './template';
export {
  buildGraph,
  errorHandle,
  fallbackHandle,
  reachableFrom,
  sourceHandles,
  stronglyConnectedComponents,
  triggerIndexes,
  unboundedCycles,
  type Cycle,
  type FlowGraph,
} from './graph';
export {
  errorScope,
  errorVariable,
  knownVariables,
  nodeDefinedVariables,
  nodeVariableSources,
  type VariableDefinition,
  type VariableSource,
} from './variables';
export {
  checkHttpTarget,
  isPrivateAddress,
  resolvePublicAddress,
  type HostLookup,
  type HttpTargetOptions,
  type HttpTargetResult,
  type ResolvedTarget,
} from './url-guard';
export { hasBlockingProblems, validateFlow, type ValidateOptions } from './validate';
export { diffFlows } from './diff';
export { compileSafeRegex, regexLimits, type SafeRegex } from './safe-regex';
export { toText as valueToText } from './values';
