// The import rules of DESIGN.md as an ESLint rule: which folder may import which folder or package.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Longest prefix first, so main/contract wins over main. */
const areas = [
  'main/contract',
  'main/core',
  'main/electron',
  'main/host',
  'main/cli',
  'db',
  'preload',
  'renderer',
  'server',
  'widget',
];

/**
 * For each area: the areas it may import (`typeOnly` ones only with `import type`, except the files
 * in `valueFiles`, given without extension, whose values it may import too; `files`: single modules of
 * another area it may import, given without extension) and which bare packages:
 * 'builtins', an explicit list, or 'any' minus a deny list.
 */
const rules = {
  'main/contract': { areas: [], packages: ['zod'] },
  db: { areas: [], packages: ['drizzle-orm', 'better-sqlite3', 'builtins'] },
  'main/core': {
    areas: ['main/contract', 'db'],
    // the app's one translation catalogue (data, no code): e-mails say what the screens say
    dataFiles: ['renderer/src/i18n/en.json', 'renderer/src/i18n/nl.json', 'renderer/src/i18n/nb.json'],
    packages: 'any',
    deny: ['electron', 'react', 'react-dom', 'fastify'],
  },
  // The desktop app opens the channels' public listener from the installation's setting (issue 13), so
  // it may import that one module of the served host, main/host/public-listener.ts, and nothing else
  // of it: the app's own door stays the IPC bridge, never the served host's routes.
  'main/electron': {
    areas: ['main/core', 'main/contract'],
    // and the loopback page Stripe returns the customer to (main/host/checkout-return.ts, issue 16)
    files: ['main/host/public-listener', 'main/host/checkout-return'],
    packages: 'any',
    deny: ['react', 'react-dom'],
  },
  'main/host': {
    areas: ['main/core', 'main/contract'],
    packages: 'any',
    deny: ['electron', 'react', 'react-dom'],
  },
  // The CLI's `serve` command starts the served host, so the CLI may import it.
  'main/cli': {
    areas: ['main/core', 'main/contract', 'main/host'],
    packages: 'any',
    deny: ['electron', 'react', 'react-dom'],
  },
  preload: { areas: [], typeOnly: ['main/contract'], packages: ['electron'] },
  renderer: {
    areas: [],
    typeOnly: ['main/contract'],
    // main/contract/vocabulary.ts and messages.ts: the contract's value lists and message keys (they
    // import nothing, so no zod reaches the bundle); help-anchors.ts: where the help center says what
    // to do about an error reason or a Guardian check
    valueFiles: ['main/contract/vocabulary', 'main/contract/messages', 'main/contract/help-anchors'],
    packages: 'any',
    deny: ['electron', 'better-sqlite3', 'drizzle-orm', 'builtins', 'fastify'],
  },
  server: { areas: ['main/contract'], packages: 'any', deny: ['electron', 'react', 'react-dom'] },
  // the embeddable chat widget loads on customers' websites: its own code only, no package, no contract
  widget: { areas: [], packages: [], testPackages: ['fast-check'] },
};

/** Folders of main/core that are not domains: the foundation (lib) and the test kits (testing). */
const coreFoundation = new Set(['lib', 'testing']);

/** main/core/context.ts and main/core/lib/** define what a call, a handler and a helper are: no domain. */
function isCoreFoundation(rel) {
  return rel === 'main/core/context.ts' || rel.startsWith('main/core/lib/');
}

/** The domain folder a main/core path lies in (`agents` for main/core/agents/...), if any. */
function coreDomainOf(rel) {
  const match = /^main\/core\/([^/]+)\//.exec(rel);
  return match && !coreFoundation.has(match[1]) ? match[1] : null;
}

/** Test kits: anything in a `testing` folder, and `*-test-kit.ts` files. */
function isTestKit(rel) {
  return /(^|\/)testing\//.test(rel) || /-test-kit(\.tsx?)?$/.test(rel);
}

const relOf = (file, root) => relative(root, file).split(sep).join('/');

function areaOf(file, root) {
  const rel = relative(root, file).split(sep).join('/');
  return areas.find((area) => rel === area || rel.startsWith(`${area}/`));
}

function packageName(spec) {
  if (builtins.has(spec)) return 'builtins';
  const parts = spec.split('/');
  return spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** Tests may use the test runner and node built-ins wherever they live. */
const testPackages = ['vitest', 'builtins', 'ws'];

function allowedPackage(rule, name, isTest) {
  if (isTest && [...testPackages, ...(rule.testPackages ?? [])].includes(name)) return true;
  if (rule.packages === 'any') return !(rule.deny ?? []).includes(name);
  return rule.packages.includes(name);
}

export const boundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the folder import rules of DESIGN.md' },
    schema: [],
    messages: {
      area: '{{from}} may not import {{to}} (DESIGN.md import rules).',
      typeOnly: '{{from}} may import {{to}} only with `import type`.',
      pkg: '{{from}} may not import the package "{{pkg}}" (DESIGN.md import rules).',
      foundation:
        '{{from}} is the foundation of the core and may not import the domain folder {{to}} (DESIGN.md import rules).',
      coreDoor:
        '{{from}} may import main/core only through main/core/index.ts, not {{to}} (DESIGN.md import rules).',
      testKit: '{{from}} is production code and may not import the test kit {{to}} (DESIGN.md import rules).',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const from = areaOf(file, root);
    if (!from) return {};
    const rule = rules[from];
    const isTest = /\.test\.tsx?$/.test(file);
    const fromRel = relOf(file, root);
    const fromTestCode = isTest || isTestKit(fromRel);

    /** The rules within and into main/core: the foundation, the hosts' one door, the test kits. */
    function checkCore(node, spec) {
      const targetRel = relOf(resolve(dirname(file), spec), root).replace(/\.tsx?$/, '');
      if (!targetRel.startsWith('main/core/') && targetRel !== 'main/core') return;
      if (isTestKit(targetRel) && !fromTestCode) {
        context.report({ node, messageId: 'testKit', data: { from: fromRel, to: targetRel } });
        return;
      }
      if (fromTestCode) return;
      if (from === 'main/core' && isCoreFoundation(fromRel)) {
        const domain = coreDomainOf(`${targetRel}/`) ?? coreDomainOf(targetRel);
        const rootFile = /^main\/core\/[^/]+$/.test(targetRel) && targetRel !== 'main/core/context';
        if (domain || rootFile)
          context.report({ node, messageId: 'foundation', data: { from: fromRel, to: targetRel } });
        return;
      }
      const host = from === 'main/host' || from === 'main/cli' || from === 'main/electron';
      const door = targetRel === 'main/core' || targetRel === 'main/core/index';
      if (host && !door) context.report({ node, messageId: 'coreDoor', data: { from, to: targetRel } });
    }

    function check(node, spec, typeOnly) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        checkCore(node, spec);
        const to = areaOf(resolve(dirname(file), spec), root);
        if (!to || to === from) return;
        if (rule.areas.includes(to)) return;
        const target = resolve(dirname(file), spec);
        if ((rule.dataFiles ?? []).some((allowed) => target === resolve(root, allowed))) return;
        const withoutExtension = target.replace(/\.tsx?$/, '');
        if ((rule.files ?? []).some((allowed) => withoutExtension === resolve(root, allowed))) return;
        if ((rule.typeOnly ?? []).includes(to)) {
          const target = resolve(dirname(file), spec).replace(/\.ts$/, '');
          const valueFile = (rule.valueFiles ?? []).some((allowed) => target === resolve(root, allowed));
          if (!typeOnly && !valueFile) context.report({ node, messageId: 'typeOnly', data: { from, to } });
          return;
        }
        context.report({ node, messageId: 'area', data: { from, to } });
        return;
      }
      const name = packageName(spec);
      if (!allowedPackage(rule, name, isTest))
        context.report({ node, messageId: 'pkg', data: { from, pkg: spec } });
    }

    const isTypeOnly = (node) =>
      node.importKind === 'type' ||
      (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));

    return {
      ImportDeclaration: (node) => check(node, node.source.value, isTypeOnly(node)),
      ExportNamedDeclaration: (node) =>
        node.source && check(node, node.source.value, node.exportKind === 'type'),
      ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === 'type'),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, false),
      CallExpression: (node) => {
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          node.arguments[0]?.type === 'Literal'
        ) {
          check(node, node.arguments[0].value, false);
        }
      },
    };
  },
};
