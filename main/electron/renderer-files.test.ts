import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, pathInsideRoot, resolveRendererFile } from './renderer-files';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'mindframe-renderer-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {}');
  writeFileSync(join(root, 'assets', 'my file.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'outside');
  // a sibling whose name starts with the root's name must not count as inside
  mkdirSync(join(base, 'renderer-private'));
  writeFileSync(join(base, 'renderer-private', 'key.txt'), 'outside');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveRendererFile', () => {
  it('serves files of the build with their content type', () => {
    expect(resolveRendererFile(root, 'app://mindframe/index.html')).toEqual({
      kind: 'file',
      path: join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveRendererFile(root, 'app://mindframe/assets/index-abc.js?v=1#x')).toMatchObject({
      kind: 'file',
      path: join(root, 'assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveRendererFile(root, 'app://mindframe/assets/my%20file.css')).toMatchObject({
      kind: 'file',
      path: join(root, 'assets', 'my file.css'),
    });
  });

  it('answers client-side routes and the bare origin with index.html', () => {
    for (const url of [
      'app://mindframe/',
      'app://mindframe',
      'app://mindframe/agents/42',
      'app://mindframe/settings/users?x=1',
    ]) {
      expect(resolveRendererFile(root, url), url).toMatchObject({
        kind: 'file',
        path: join(root, 'index.html'),
      });
    }
  });

  it('keeps a missing asset a 404 instead of answering HTML', () => {
    expect(resolveRendererFile(root, 'app://mindframe/assets/missing.js')).toEqual({ kind: 'not-found' });
  });

  it('never leaves the renderer folder', () => {
    for (const url of [
      'app://mindframe/../secret.txt',
      'app://mindframe/%2e%2e/secret.txt',
      'app://mindframe/assets/%2e%2e/%2e%2e/secret.txt',
      'app://mindframe/..%2fsecret.txt',
      'app://mindframe/..%5csecret.txt',
      'app://mindframe/assets%5c..%5c..%5csecret.txt',
      'app://mindframe/index.html%00.js',
      'app://mindframe/%E0%A4%A',
      'app://mindframe/%2e%2e/renderer-private/key.txt',
    ]) {
      const answer = resolveRendererFile(root, url);
      if (answer.kind === 'file')
        expect(answer.path.startsWith(join(root, '/')), `${url} -> ${answer.path}`).toBe(true);
    }
    // the URL parser already resolves dot segments; an encoded slash is the case that reaches the guard
    expect(resolveRendererFile(root, 'app://mindframe/%2e%2e/secret.txt')).toEqual({ kind: 'not-found' });
    expect(resolveRendererFile(root, 'app://mindframe/..%2fsecret.txt')).toEqual({ kind: 'forbidden' });
    expect(resolveRendererFile(root, 'app://mindframe/..%5csecret.txt')).toEqual({ kind: 'forbidden' });
    expect(resolveRendererFile(root, 'app://mindframe/%E0%A4%A')).toEqual({ kind: 'forbidden' });
  });

  it('refuses requests for any other origin', () => {
    expect(resolveRendererFile(root, 'app://other/index.html')).toEqual({ kind: 'forbidden' });
    expect(resolveRendererFile(root, 'file:///etc/passwd')).toEqual({ kind: 'forbidden' });
  });

  it('does not fall back to index.html when the build is missing', () => {
    expect(resolveRendererFile(join(base, 'nothing-built'), 'app://mindframe/')).toEqual({
      kind: 'not-found',
    });
  });
});

describe('pathInsideRoot', () => {
  it('maps URL paths into the root and refuses escapes', () => {
    expect(pathInsideRoot('/srv/app', '/a/b.js')).toBe('/srv/app/a/b.js');
    expect(pathInsideRoot('/srv/app', '/a/../b.js')).toBe('/srv/app/b.js');
    expect(pathInsideRoot('/srv/app', '/..')).toBeNull();
    expect(pathInsideRoot('/srv/app', '/../app-other/x')).toBeNull();
    expect(pathInsideRoot('/srv/app', '/%2e%2e%2f%2e%2e%2fetc/passwd')).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it('knows the renderer build types and defaults to binary', () => {
    expect(contentTypeFor('a/b.WOFF2')).toBe('font/woff2');
    expect(contentTypeFor('a/b.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('a/b')).toBe('application/octet-stream');
  });
});
