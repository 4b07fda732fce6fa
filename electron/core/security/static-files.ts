import { readFile, realpath } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * Read a file of the built renderer by URL path, refusing anything that resolves outside `root`
 * (../ tricks, encoded separators, symlinks) or has a type the renderer never ships.
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const base = resolve(root);
  const target = resolve(base, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  if (target !== base && !target.startsWith(base + sep)) return undefined;
  const contentType = CONTENT_TYPES[extname(target)];
  if (!contentType) return undefined;
  try {
    // The path is inside root as written; a symlink in the folder could still point out of it.
    const [realBase, realTarget] = await Promise.all([realpath(base), realpath(target)]);
    if (!realTarget.startsWith(realBase + sep)) return undefined;
    return { body: await readFile(realTarget), contentType };
  } catch {
    return undefined;
  }
}

/** More distinct paths than a renderer build has files: beyond it, reads are not kept. */
const MAX_CACHED_FILES = 256;

/**
 * readStaticFile for one renderer folder, each file checked and read once, then served from memory.
 * Why: a build's files never change while the app (or the preview host) runs, and a fresh window
 * waited on the disk for its first script (about 15 ms of its start-up, issue 14). Only files
 * found are kept, and at most MAX_CACHED_FILES, so requests for made-up paths cannot fill memory.
 */
export function cachedStaticFiles(root: string): (urlPath: string) => Promise<StaticFile | undefined> {
  const cache = new Map<string, Promise<StaticFile | undefined>>();
  return (urlPath) => {
    const cached = cache.get(urlPath);
    if (cached) return cached;
    const reading = readStaticFile(root, urlPath);
    if (cache.size < MAX_CACHED_FILES) {
      cache.set(urlPath, reading);
      void reading.then((file) => {
        if (!file) cache.delete(urlPath);
      });
    }
    return reading;
  };
}
