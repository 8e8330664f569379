// What the suites compare diagnostics by, and how they wait for them: shared by every suite (bundled into each).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export interface Expected {
  code: string;
  range: [number, number, number, number];
  severity: 'Error' | 'Warning' | 'Information';
  message: string;
  /** The first related location: its file relative to its workspace folder, and its line. */
  related?: [string, number];
}

export function shape(d: vscode.Diagnostic): Expected {
  const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
  const out: Expected = {
    code,
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
    severity: vscode.DiagnosticSeverity[d.severity] as Expected['severity'],
    message: d.message,
  };
  if (d.relatedInformation?.length) {
    const r = d.relatedInformation[0];
    out.related = [vscode.workspace.asRelativePath(r.location.uri, false), r.location.range.start.line];
  }
  return out;
}

/** Resolve once `check` holds for the file's diagnostics, re-checking on every change; fail after `ms`. */
export function diagnosticsWhen(
  file: vscode.Uri,
  check: (d: readonly vscode.Diagnostic[]) => boolean,
  ms = 15_000,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const done = () => {
      const current = vscode.languages.getDiagnostics(file);
      if (!check(current)) return false;
      clearTimeout(timer);
      listener.dispose();
      resolve(current);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === file.toString())) done();
    });
    const timer = setTimeout(() => {
      listener.dispose();
      reject(
        new Error(
          `diagnostics for ${file.fsPath} never matched; last: ${JSON.stringify(vscode.languages.getDiagnostics(file).map(shape))}`,
        ),
      );
    }, ms);
    done();
  });
}

export function sorted(ds: readonly vscode.Diagnostic[]): Expected[] {
  return ds.map(shape).sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
}

/** Wait until the file shows `expected` (in range order), then compare, so a mismatch fails with both sides. */
export async function expectDiagnosticsOf(file: vscode.Uri, expected: Expected[], ms?: number): Promise<void> {
  const want = JSON.stringify(expected);
  const ds = await diagnosticsWhen(file, (d) => JSON.stringify(sorted(d)) === want, ms).catch(() =>
    vscode.languages.getDiagnostics(file),
  );
  assert.deepEqual(sorted(ds), expected);
}
