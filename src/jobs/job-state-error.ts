/**
 * Thrown when a JOBDIR cannot be resumed: its state is corrupt or truncated, or was written by
 * another spider or an incompatible skitter. The message names the location and how to start
 * fresh; a job is never silently restarted.
 */
export class JobStateError extends Error {
  override name = 'JobStateError';
}

/** True if `error` is a {@link JobStateError}. */
export function isJobStateError(error: unknown): error is JobStateError {
  return error instanceof JobStateError || (error instanceof Error && error.name === 'JobStateError');
}
