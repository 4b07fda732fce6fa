import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCipher } from './crypto.ts';
import { createLogger } from '../log.ts';

/**
 * What Practice mode's built-in DPP offers to keep its applications across restarts
 * (electron/practice/handler.ts implements it). Core only stores the JSON; it never reads it.
 */
export interface PracticeStatePort {
  snapshot(): string;
  restore(json: string): void;
  onChange(listener: () => void): void;
}

export const PRACTICE_STATE_FILE = 'practice-dpp.state';
const AAD = 'practice-dpp:state';
/** Changes come in bursts (a batch of submits): one write per burst. */
const SAVE_DELAY_MS = 200;

const log = createLogger('practice-state');

/**
 * The practice DPP's state in `<dataDir>/practice-dpp.state`, sealed with the data key like the
 * PHI columns (it holds patient names and addresses), written owner-only and atomically (a
 * temporary file renamed over the old one, so a crash leaves the old state or the new one).
 */
export function keepPracticeState(options: { dataDir: string; dataKey: Buffer; port: PracticeStatePort }) {
  const cipher = createCipher(options.dataKey);
  const file = join(options.dataDir, PRACTICE_STATE_FILE);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;

  if (existsSync(file)) {
    try {
      options.port.restore(cipher.open(readFileSync(file), AAD));
    } catch (err) {
      // Practice data only: start empty rather than refuse to start, and say so in the log.
      log.warn(`the saved practice DPP state could not be read (${err instanceof Error ? err.name : 'error'}); Practice starts empty`);
    }
  }

  function save(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, cipher.seal(options.port.snapshot(), AAD), { mode: 0o600 });
    renameSync(temporary, file);
  }

  options.port.onChange(() => {
    dirty = true;
    if (!timer) {
      timer = setTimeout(() => {
        try {
          save();
        } catch (err) {
          log.error('the practice DPP state could not be saved', err);
        }
      }, SAVE_DELAY_MS);
      timer.unref?.();
    }
  });

  return {
    /** Write what is pending now (on close). */
    flush: save,
  };
}
