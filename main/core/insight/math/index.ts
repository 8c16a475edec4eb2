// The calculations of insight (issue 17): pure functions, no database, no clock.
export * from './normal';
export * from './sigma';
export * from './capability';
export * from './control-chart';
export * from './attribution';
export * from './economics';
export * from './forecast';
