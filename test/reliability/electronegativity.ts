/**
 * Electronegativity (@doyensec/electronegativity) over the app's sources: the Electron main,
 * preload, core and practice code (electron/) and the renderer (renderer/), staged together so
 * the global checks (CSP, navigation limits, permission handler) see the whole app at once.
 * It runs offline: `-e <electron version>` stops it from fetching Electron's release list (it
 * only warns that it could not).
 *
 *   npx tsx test/reliability/electronegativity.ts     # prints the findings, exits 0
 *
 * test/reliability/electronegativity.test.ts runs the same and checks that every finding is
 * explained in docs/RELIABILITY.md.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Finding {
  issue: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
  description: string;
  url: string;
}

export function electronVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '45.5.0';
  }
}

/** RFC 4180 CSV (quoted fields, doubled quotes, commas and newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f.trim() !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f.trim() !== '')) rows.push(row);
  return rows;
}

/** Runs the CLI once; resolves with its console output (it exits 0 with or without findings). */
function runCli(input: string, output: string, version: string): Promise<string> {
  const cli = join(ROOT, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
  return new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', join(ROOT, 'test', 'reliability', 'support', 'loopback-only.cjs'), cli, '-i', input, '-r', '-e', version, '-o', output], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString()));
    child.stderr.on('data', (c: Buffer) => (text += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(text);
      else reject(new Error(`electronegativity exited with ${code}: ${text.slice(-2000)}`));
    });
  });
}

const HEADER = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description', 'url'];

function readCsvReport(file: string): Finding[] | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const [header, ...rows] = parseCsv(text);
  if (header?.map((h) => h.trim()).join() !== HEADER.join()) return undefined;
  const findings = rows.map((row) => ({
    issue: (row[0] ?? '').trim(),
    severity: (row[1] ?? '').trim(),
    confidence: (row[2] ?? '').trim(),
    file: (row[3] ?? '').trim(),
    location: (row[4] ?? '').trim(),
    sample: (row[5] ?? '').trim(),
    description: (row[6] ?? '').trim(),
    url: (row[7] ?? '').trim(),
  }));
  const wellFormed = rows.every((row) => row.length === HEADER.length) && findings.every((f) => /^[A-Z0-9_]+$/.test(f.issue) && f.url.endsWith(f.issue));
  return wellFormed ? findings : undefined;
}

function readSarifReport(file: string): string[] {
  const sarif = JSON.parse(readFileSync(file, 'utf8')) as { runs: { results: { ruleId: string; locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[] }[] }[] };
  return (sarif.runs[0]?.results ?? []).map((r) => `${r.ruleId}@${r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? ''}`).sort();
}

/**
 * Electronegativity 1.10 writes its CSV with two racing fs.writeFile calls (the header with
 * flag 'w', the rows with flag 'a'), so now and then the header overwrites the first row, or
 * truncates all the rows away. Its SARIF output is one write but lacks severity, confidence and
 * sample. So: a SARIF run says WHICH findings there are; the CSV run, retried until it is well
 * formed and agrees with the SARIF one, gives their details.
 */
export async function runElectronegativity(): Promise<{ findings: Finding[]; ms: number; version: string; command: string; csvAttempts: number }> {
  const stage = mkdtempSync(join(tmpdir(), 'ta-desk-electronegativity-'));
  const started = Date.now();
  try {
    cpSync(join(ROOT, 'electron'), join(stage, 'electron'), { recursive: true });
    cpSync(join(ROOT, 'renderer'), join(stage, 'renderer'), { recursive: true });
    const version = electronVersion();
    const sarifFile = join(stage, 'report.sarif');
    let csvAttempts = 0;
    let findings: Finding[] | undefined;
    const sarifRun = runCli(stage, sarifFile, version);
    for (; csvAttempts < 4 && !findings; ) {
      csvAttempts += 1;
      const csvFile = join(stage, `report-${csvAttempts}.csv`);
      const output = await runCli(stage, csvFile, version);
      if (csvAttempts === 1) await sarifRun;
      const fromCsv = readCsvReport(csvFile);
      const expected = readSarifReport(sarifFile);
      const got = fromCsv?.map((f) => `${f.issue}@${f.file === 'N/A' ? 'file:///' : f.file}`).sort();
      if (fromCsv && JSON.stringify(got) === JSON.stringify(expected)) findings = fromCsv;
      else if (csvAttempts === 4) throw new Error(`electronegativity's CSV report stayed unreadable or disagreed with its SARIF report (${JSON.stringify(expected)}): ${output.slice(-1000)}`);
    }
    return {
      findings: findings ?? [],
      ms: Date.now() - started,
      version,
      command: `electronegativity -i <electron/ + renderer/> -r -e ${version} -o report.csv (and report.sarif)`,
      csvAttempts,
    };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

export function describeFinding(f: Finding): string {
  return `${f.issue} [${f.severity}/${f.confidence}] ${f.file}:${f.location} — ${f.description}${f.sample && f.sample !== 'N/A' ? ` (${f.sample.slice(0, 100)})` : ''}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { findings, ms, command } = await runElectronegativity();
  console.log(`${command}: ${findings.length} finding(s) in ${(ms / 1000).toFixed(1)} s`);
  for (const f of findings) console.log(`  ${describeFinding(f)}`);
}
