import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The process boundaries of docs/architecture.md are an ESLint rule; these cases break it on purpose (as
 * virtual files, nothing is written) to prove the rule bites, and check that allowed imports pass.
 */
const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const use = (name: string) => `\nconsole.log(${name});\n`;

describe('process-boundary lint rules', () => {
  // The first lint loads the config and its plugins (typescript-eslint, svelte): over 20 s on a
  // busy shared 2-core machine. Done once here, so no case's own time includes it.
  beforeAll(() => eslint.lintText('', { filePath: resolve(root, 'renderer/src/lib/warm-up.ts') }), 120_000);

  it('stop the renderer from importing main-side code, Node or Electron', async () => {
    expect(await boundaryErrors('renderer/src/lib/bad.ts', `import { redact } from '../../../electron/core/log.ts';${use('redact')}`)).toHaveLength(1);
    expect(await boundaryErrors('renderer/src/lib/bad.ts', `import { readFileSync } from 'node:fs';${use('readFileSync')}`)).toHaveLength(1);
    expect(await boundaryErrors('renderer/src/lib/bad.ts', `import { ipcRenderer } from 'electron';${use('ipcRenderer')}`)).toHaveLength(1);
    expect(await boundaryErrors('renderer/src/lib/bad.ts', `import keytar from 'keytar';${use('keytar')}`)).toHaveLength(1);
    expect(await boundaryErrors('renderer/src/lib/bad.ts', `import { createPracticeDpp } from '../../../electron/practice/handler.ts';${use('createPracticeDpp')}`)).toHaveLength(1);
  });

  it('apply inside Svelte components too', async () => {
    const component = `<script lang="ts">\n  import { createCoreServices } from '../../../electron/core/services.ts';\n  console.log(createCoreServices);\n</script>\n`;
    expect(await boundaryErrors('renderer/src/components/Bad.svelte', component)).toHaveLength(1);
  });

  it('let the renderer import the contract, spelled $contract/ only', async () => {
    expect(await boundaryErrors('renderer/src/lib/ok.ts', `import { ApplicationSchema } from '$contract/application.ts';${use('ApplicationSchema')}`)).toEqual([]);
    expect(await boundaryErrors('renderer/src/lib/bad.ts', `import { ApplicationSchema } from '../../../electron/contract/application.ts';${use('ApplicationSchema')}`)).toHaveLength(1);
    expect(await boundaryErrors('renderer/src/lib/bad.ts', `import { redact } from '$contract/../core/log.ts';${use('redact')}`)).toHaveLength(1);
  });

  it('keep Electron out of core and the practice DPP', async () => {
    expect(await boundaryErrors('electron/core/bad.ts', `import { net } from 'electron';${use('net')}`)).toHaveLength(1);
    expect(await boundaryErrors('electron/practice/bad.ts', `import { app } from 'electron';${use('app')}`)).toHaveLength(1);
    expect(await boundaryErrors('electron/core/bad.ts', `import { registerIpc } from '../main/ipc.ts';${use('registerIpc')}`)).toHaveLength(1);
  });

  it('let the contract import only zod and itself', async () => {
    expect(await boundaryErrors('electron/contract/bad.ts', `import { readFileSync } from 'node:fs';${use('readFileSync')}`)).toHaveLength(1);
    expect(await boundaryErrors('electron/contract/bad.ts', `import { redact } from '../core/log.ts';${use('redact')}`)).toHaveLength(1);
    expect(await boundaryErrors('electron/contract/ok.ts', `import { z } from 'zod';\nimport { ok } from './result.ts';${use('z, ok')}`)).toEqual([]);
  });

  it('keep the preload to electron and the contract', async () => {
    expect(await boundaryErrors('electron/preload/bad.ts', `import { createLogger } from '../core/log.ts';${use('createLogger')}`)).toHaveLength(1);
    expect(await boundaryErrors('electron/preload/bad.ts', `import { readFileSync } from 'node:fs';${use('readFileSync')}`)).toHaveLength(1);
  });
});
