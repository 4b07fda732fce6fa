/** Largest DPP response body we read; anything bigger is a broken or hostile server. */
export const MAX_BODY_BYTES = 256 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super(`The DPP sent a response larger than ${MAX_BODY_BYTES} bytes.`);
  }
}

/** Read a response body as text without ever holding more than the cap in memory. */
export async function readBodyCapped(res: Response, cap = MAX_BODY_BYTES): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel();
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  // fatal: bytes that are not UTF-8 make the body unreadable, instead of U+FFFD creeping into ids.
  return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
}

/** JSON when it parses as JSON (whatever the content type says), else undefined. */
export function parseJsonLoosely(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
