// A defect in the engine must cost the entry it met, never the rest of the file: each entry is read and judged under
// a guard, and what it throws becomes a finding at the entry, which a person can report.
import type { Finding, Range } from './types';

/** The message of an internal error met while checking one entry. */
export function internalErrorMessage(error: unknown): string {
  return `Internal error while checking this entry: ${error instanceof Error ? error.message : String(error)}`;
}

/** The finding an exception met while checking one entry becomes. */
export function internalError(file: string, range: Range, error: unknown): Finding {
  return { code: 'parse-error', severity: 'error', message: internalErrorMessage(error), file, range, fixes: [] };
}

/** Run `check` (which pushes its findings into `findings`); an exception becomes one finding at `range()`. */
export function guarded(findings: Finding[], file: string, range: () => Range, check: () => void): void {
  try {
    check();
  } catch (error) {
    findings.push(internalError(file, range(), error));
  }
}
