export interface AllowList {
  has(name: unknown): name is string;
}

/** Exact-match membership; `Object.prototype` names such as "constructor" are not members. */
export function createAllowList(names: readonly string[]): AllowList {
  const allowed = new Set(names);
  return { has: (name: unknown): name is string => typeof name === 'string' && allowed.has(name) };
}
