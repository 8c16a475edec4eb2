import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../core';
import { apiKeyScopes, methods, httpStatusFor } from '../contract';
import { sessionCookie } from './cookies';
import { restRoutes, restTags, type ErrorStatus, type RestRoute } from './rest-routes';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete generated.$schema;
  return generated;
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** What each refusal means, for any route; a POST also needs the CSRF token with a session. */
function errorDescription(status: ErrorStatus, method: RestRoute['method']): string {
  switch (status) {
    case 400:
      return 'Invalid input (VALIDATION, with the field)';
    case 401:
      return 'No key, or a wrong, revoked or expired key; or no live session';
    case 403:
      return method === 'POST'
        ? "The key's scopes or the member's role do not allow this, or the CSRF token is missing or wrong"
        : "The key's scopes or the member's role do not allow this";
    case 404:
      return 'No such resource in your tenant';
    case 409:
      return 'Not possible in the present state (CONFLICT, the message says why)';
    case 429:
      return 'Too many requests';
    case 500:
      return 'Something went wrong inside (no details)';
    case 503:
      return 'Not possible for now (UNAVAILABLE, e.g. the disk is full)';
  }
}

function errorResponseFor(status: ErrorStatus, method: RestRoute['method']): Record<string, unknown> {
  const response = errorResponse(errorDescription(status, method));
  return status === 429
    ? {
        ...response,
        headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
      }
    : response;
}

function operation(route: RestRoute): Record<string, unknown> {
  const definition = methods[route.contract];
  const parameters: Record<string, unknown>[] = Object.keys(route.params ?? {}).map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string', format: 'uuid' },
  }));
  if (route.from === 'query') {
    const input = jsonSchema(definition.input, 'input');
    const required = new Set((input.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((input.properties as Record<string, JsonSchema>) ?? {})) {
      parameters.push({ name, in: 'query', required: required.has(name), schema });
    }
  }
  const requestBody =
    route.from === 'body'
      ? {
          required: route.body.required,
          content: { 'application/json': { schema: jsonSchema(route.body.schema, 'input') } },
        }
      : undefined;
  const data = jsonSchema(definition.output, 'output');
  const ok = {
    description: 'Done',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['ok', 'data'],
          properties: { ok: { const: true }, data },
        },
      },
    },
  };
  return {
    operationId: route.contract.replace('.', '_'),
    summary: route.summary,
    description: `${route.description}\n\nNeeds the \`${route.scope}\` scope.`,
    tags: [route.tag],
    // either an API key, or a signed-in session (the app's own cookie) with its CSRF token for changes
    security: [{ apiKey: [] }, route.method === 'POST' ? { session: [], csrfToken: [] } : { session: [] }],
    'x-scope': route.scope,
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses: {
      ...Object.fromEntries(route.statuses.map((status) => [String(status), ok])),
      ...Object.fromEntries(
        [...route.errors]
          .sort((a, b) => a - b)
          .map((status) => [String(status), errorResponseFor(status, route.method)]),
      ),
    },
  };
}

/** The OpenAPI 3.1 document of the REST API v1, built from the contract's zod schemas. */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {
    '/api/v1/health': {
      get: {
        operationId: 'health',
        summary: 'Health of the installation (public).',
        description:
          'Whether the installation works: healthy, degraded or unhealthy (503), with the state of the database and a score. Needs no key.',
        tags: ['health'],
        security: [],
        responses: {
          '200': {
            description: 'Healthy or degraded',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['status', 'database', 'score'],
                  properties: {
                    status: { type: 'string', enum: ['healthy', 'degraded', 'unhealthy'] },
                    database: { type: 'string' },
                    score: { type: 'number' },
                    version: { type: 'string' },
                    checkedAt: { type: 'integer' },
                  },
                },
              },
            },
          },
          '503': { description: 'Unhealthy' },
        },
      },
    },
  };
  for (const route of restRoutes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mindframe REST API',
      version,
      // each installation is run by its own business: whoever runs it answers for its API
      contact: { name: 'The administrators of this Mindframe installation' },
      description: `Authenticate with \`Authorization: Bearer mf_live_...\` (the key's tenant and scopes decide), or from a signed-in Mindframe session: the \`${sessionCookie}\` cookie, and for POST the \`x-csrf-token\` header with the \`csrfToken\` of \`auth.me\` (the member's role decides). Scopes: ${apiKeyScopes.join(', ')}. Errors are \`{ ok: false, error: { code, message, field? } }\`.`,
    },
    servers: [{ url: '/' }],
    tags: Object.entries(restTags).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'mf_live_<id>_<secret>' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: sessionCookie,
          description: 'The HttpOnly session cookie set by signing in to Mindframe (auth.login).',
        },
        csrfToken: {
          type: 'apiKey',
          in: 'header',
          name: 'x-csrf-token',
          description: "The session's CSRF token (csrfToken of auth.me); needed with the session for POST.",
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['ok', 'error'],
          properties: {
            ok: { const: false },
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: Object.keys(httpStatusFor) },
                message: { type: 'string' },
                field: { type: 'string' },
                retryAfterSeconds: { type: 'integer' },
              },
            },
          },
        },
      },
    },
  };
}

/** Swagger UI needs inline styles (it sets style attributes); only these pages get that. */
const docsPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const docsPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Mindframe REST API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body>
</html>`;

const docsInit = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

const docsFiles: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
};

export function registerOpenApi(app: FastifyInstance, core: Core): void {
  let document: Record<string, unknown> | undefined;
  app.get('/api/v1/openapi.json', async (_request, reply) => {
    document ??= openApiDocument(core.appVersion);
    return reply.send(document);
  });

  let distDir: string | undefined;
  const cache = new Map<string, Buffer>();
  app.get('/api/docs', async (_request, reply) =>
    reply.header('Content-Security-Policy', docsPolicy).type('text/html; charset=utf-8').send(docsPage),
  );
  app.get<{ Params: { file: string } }>('/api/docs/:file', async (request, reply) => {
    const name = request.params.file;
    if (name === 'init.js') return reply.type('application/javascript; charset=utf-8').send(docsInit);
    const type = docsFiles[name];
    if (!type) return reply.callNotFound();
    let content = cache.get(name);
    if (!content) {
      distDir ??= dirname(createRequire(__filename).resolve('swagger-ui-dist/package.json'));
      content = readFileSync(join(distDir, name));
      cache.set(name, content);
    }
    return reply.header('Cache-Control', 'public, max-age=3600').type(type).send(content);
  });
}
