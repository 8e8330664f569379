// A defect in the engine must cost the entry it met, never the rest of the file: each entry is read and judged under
// a guard, and what it throws becomes an `internal-error` finding at the entry, with the stack for the log.
import { rangeOf, type Place, type ProblemFact } from './facts';
import type { Finding } from './types';

/** The message of an internal error met while checking one entry. */
export function internalErrorMessage(error: unknown): string {
  return `Internal error while checking this entry: ${error instanceof Error ? error.message : String(error)}`;
}

/** The stack of what was thrown, for the log. */
export function stackOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** The finding an exception met while checking the entry at `place` becomes. */
export function internalError(place: Place, error: unknown): Finding {
  return {
    code: 'internal-error',
    severity: 'error',
    message: internalErrorMessage(error),
    file: place.source.path,
    range: rangeOf(place),
    fixes: [],
    trace: stackOf(error),
  };
}

/** The fact a reader records when it meets a defect of its own while reading the entry at `place`. */
export function internalErrorFact(place: Place, error: unknown): ProblemFact {
  return {
    kind: 'problem',
    code: 'internal-error',
    message: internalErrorMessage(error),
    place,
    stack: stackOf(error),
  };
}
