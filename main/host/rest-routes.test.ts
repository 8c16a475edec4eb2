import { describe, expect, it } from 'vitest';
import { methods } from '../contract';
import { openApiDocument } from './openapi';
import { restInput, restRoutes, restStatus, restTags } from './rest-routes';

describe('REST API v1 route table', () => {
  it('names each path parameter once, in the path and in params, and only input fields of the contract', () => {
    for (const route of restRoutes) {
      const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(inPath, route.path).toEqual(Object.keys(route.params ?? {}));
      const fields = Object.keys((methods[route.contract].input as unknown as { shape: object }).shape);
      for (const field of Object.values(route.params ?? {})) expect(fields, route.path).toContain(field);
    }
    const keys = restRoutes.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('fills path fields over anything the query or body says, and reads numbers from the query', () => {
    const run = restRoutes.find((route) => route.contract === 'runs.get')!;
    expect(restInput(run, { id: 'r1' }, { runId: 'other', limit: '5' }, undefined)).toEqual({
      runId: 'r1',
      limit: 5,
    });
    const start = restRoutes.find((route) => route.contract === 'agents.run')!;
    expect(restInput(start, { id: 'a1' }, {}, { message: 'hi', wait: true })).toEqual({
      agentId: 'a1',
      input: { message: 'hi' },
      wait: true,
    });
    expect(restInput(start, { id: 'a1' }, {}, undefined)).toEqual({ agentId: 'a1', input: {} });
    // a body that is not an object reaches the contract as it is, to be refused there
    expect(restInput(start, { id: 'a1' }, {}, [1])).toEqual([1]);
    const event = restRoutes.find((route) => route.contract === 'events.ingest')!;
    expect(restInput(event, {}, { type: 'ignored' }, undefined)).toEqual({});
    expect(restInput(event, {}, {}, { type: 'order.created' })).toEqual({ type: 'order.created' });
  });

  it('answers only the success statuses it declares', () => {
    for (const route of restRoutes) {
      for (const data of [{}, { status: 'queued' }, { status: 'running' }, { status: 'succeeded' }]) {
        expect(route.statuses, route.path).toContain(restStatus(route, data));
      }
    }
    const start = restRoutes.find((route) => route.contract === 'agents.run')!;
    expect(restStatus(start, { status: 'running' })).toBe(202);
    expect(restStatus(start, { status: 'failed' })).toBe(200);
    const event = restRoutes.find((route) => route.contract === 'events.ingest')!;
    expect(restStatus(event, { id: 'e1' })).toBe(201);
  });

  it('is what the document shows: every route with its statuses, and every declared tag in use', () => {
    const document = openApiDocument('1.0.0') as {
      tags: { name: string }[];
      paths: Record<string, Record<string, { tags: string[]; responses: Record<string, unknown> }>>;
    };
    for (const route of restRoutes) {
      const operation = document.paths[route.path]![route.method.toLowerCase()]!;
      expect(Object.keys(operation.responses).sort(), route.path).toEqual(
        [...route.statuses, ...route.errors].map(String).sort(),
      );
      expect(operation.tags).toEqual([route.tag]);
    }
    const used = new Set(
      Object.values(document.paths).flatMap((operations) => Object.values(operations).flatMap((o) => o.tags)),
    );
    expect(document.tags.map((tag) => tag.name)).toEqual(Object.keys(restTags));
    expect([...used].sort()).toEqual(Object.keys(restTags).sort());
  });
});
