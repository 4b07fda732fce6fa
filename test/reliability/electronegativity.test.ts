import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFinding, runElectronegativity } from './electronegativity.ts';
import { ROOT } from './support/children.ts';
import { seconds, summary } from './support/run.ts';

/**
 * Issue 7, reliability 7: Electronegativity over the app. Zero findings, or each one explained
 * in docs/RELIABILITY.md: a row of its findings table naming the check and the file.
 */
describe('Electronegativity', () => {
  it('has every finding explained in docs/RELIABILITY.md', async () => {
    const { findings, ms, command, csvAttempts } = await runElectronegativity();
    for (const f of findings) console.log(`[reliability]   ${describeFinding(f)}`);
    const doc = readFileSync(join(ROOT, 'docs', 'RELIABILITY.md'), 'utf8');
    const rows = doc.split('\n').filter((line) => line.startsWith('|'));
    const unexplained = findings.filter((f) => !rows.some((row) => row.includes(`\`${f.issue}\``) && row.includes(f.file === 'N/A' ? '(global)' : f.file)));
    summary('7 Electronegativity', {
      findings: findings.length,
      bySeverity: JSON.stringify(Object.fromEntries(['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'].map((s) => [s, findings.filter((f) => f.severity === s).length]))),
      explained: findings.length - unexplained.length,
      unexplained: unexplained.length,
      command,
      csvAttempts,
      wall: seconds(ms),
    });
    expect(unexplained.map(describeFinding)).toEqual([]);
  });
});
