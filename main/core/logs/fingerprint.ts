import { createHash } from 'node:crypto';

/**
 * What makes two errors "the same": their name, their message with the parts that vary from one
 * occurrence to the next (numbers, ids, quoted values) taken out, and the first stack frame in our
 * own code without its line and column (so an unrelated edit above it keeps the group).
 */
export function fingerprintOf(name: string, message: string, stack: string | null, appRoot?: string): string {
  const frame = stack ? firstOwnFrame(stack, appRoot) : null;
  return createHash('sha256')
    .update(`${name}\n${normaliseMessage(message)}\n${frame ?? ''}`)
    .digest('hex');
}

const uuidPattern = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const uuidExact = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const emailPattern = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
// a quote that opens a value (not the apostrophe in "can't"), up to the same quote
const quotedPattern = /(^|[^\w])(["'`])(?:\\.|(?!\2)[^\\\n])*\2/g;
const hexPattern = /\b(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi;
const numberPattern = /\d+(?:\.\d+)?/g;

export function normaliseMessage(message: string): string {
  return message
    .replace(uuidPattern, '<id>')
    .replace(emailPattern, '<email>')
    .replace(quotedPattern, '$1<value>')
    .replace(hexPattern, '<hex>')
    .replace(numberPattern, '<n>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 500);
}

export interface StackFrame {
  fn: string | null;
  /** File path or URL without line and column. */
  location: string;
}

/** `    at fn (/path/file.ts:1:2)`, `    at /path/file.ts:1:2`, `    at async fn (file:///x.js:1:2)`. */
export function parseFrame(line: string): StackFrame | null {
  const trimmed = line.trim();
  if (!trimmed.startsWith('at ')) return null;
  let body = trimmed.slice(3).trim();
  let fn: string | null = null;
  if (body.endsWith(')')) {
    const open = body.indexOf(' (');
    if (open > 0) {
      fn = body.slice(0, open).replace(/^async /, '');
      body = body.slice(open + 2, -1);
    }
  }
  const location = body.replace(/(?::\d+){1,2}$/, '');
  return { fn, location };
}

function isOwnFrame(frame: StackFrame): boolean {
  const location = frame.location.replace(/\\/g, '/');
  return !(
    location.startsWith('node:') ||
    location.startsWith('internal/') ||
    location.includes('/node_modules/') ||
    location.includes('electron/js2c') ||
    location === 'native' ||
    location === '<anonymous>' ||
    location.startsWith('eval at ')
  );
}

/** A path made the same on every machine: relative to the app, or its last two parts. */
export function relativeLocation(location: string, appRoot?: string): string {
  let path = location.replace(/^file:\/\//, '').replace(/\\/g, '/');
  const root = appRoot?.replace(/\\/g, '/').replace(/\/$/, '');
  if (root && path.startsWith(`${root}/`)) return path.slice(root.length + 1);
  if (root && path.startsWith(`/${root}/`)) return path.slice(root.length + 2);
  const asar = path.indexOf('/app.asar/');
  if (asar >= 0) return path.slice(asar + '/app.asar/'.length);
  if (path.includes('/node_modules/')) return path.slice(path.lastIndexOf('/node_modules/') + 1);
  if (!path.includes('/')) return path;
  path = path.split('/').slice(-2).join('/');
  return path;
}

/** `fn relative/path.ts` of the first frame in our code (or the first frame at all); null without frames. */
export function firstOwnFrame(stack: string, appRoot?: string): string | null {
  const frames = stack
    .split('\n')
    .map(parseFrame)
    .filter((frame): frame is StackFrame => frame !== null);
  const frame = frames.find(isOwnFrame) ?? frames[0];
  if (!frame) return null;
  return `${frame.fn ?? '<anonymous>'} ${relativeLocation(frame.location, appRoot)}`;
}

const secretPatterns: [RegExp, string][] = [
  [/\bmf_[A-Za-z0-9_-]+/g, 'mf_[redacted]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  [/(:\/\/)[^/\s:@]+:[^/\s@]+@/g, '$1[redacted]@'],
  [
    /\b(password|passwd|pwd|token|secret|api[_-]?key|authorization|cookie|session)(["']?\s*[:=]\s*["']?)[^\s"',;&)]+/gi,
    '$1$2[redacted]',
  ],
  [/\bsk-[A-Za-z0-9_-]{8,}/g, 'sk-[redacted]'],
];

/** Long opaque runs of letters and digits (keys, tokens); ids keep their shape. */
function redactOpaque(text: string): string {
  return text.replace(/[A-Za-z0-9+_=-]{32,}/g, (run) =>
    /[0-9]/.test(run) && /[A-Za-z]/.test(run) && !uuidExact.test(run) ? '[redacted]' : run,
  );
}

/** Takes out what looks like a credential; for messages and stacks that may quote input. */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of secretPatterns) out = out.replace(pattern, replacement);
  return redactOpaque(out);
}

/** A stack to keep: at most 15 frames, paths relative to the app, no secrets, at most 4000 characters. */
export function trimStack(stack: string, appRoot?: string): string {
  const lines = stack.split('\n');
  const out: string[] = [];
  let frames = 0;
  for (const line of lines) {
    const frame = parseFrame(line);
    if (frame) {
      if (++frames > 15) {
        out.push('    ...');
        break;
      }
      const where = line.trim().replace(frame.location, relativeLocation(frame.location, appRoot));
      out.push(`    ${where}`);
    } else if (frames === 0) {
      out.push(line);
    }
  }
  return scrubSecrets(out.join('\n')).slice(0, 4000);
}
