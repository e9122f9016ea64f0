// One error type per layer, each with a stable code, so the CLI, the server and the batch runner
// can report a failure clearly without swallowing it.

export type ErrorCode =
  | 'INPUT_NOT_JSON'
  | 'INPUT_NO_TEXT'
  | 'INPUT_BINARY'
  | 'INPUT_EMPTY'
  | 'INPUT_TOO_LARGE'
  | 'INPUT_UNREADABLE'
  | 'PIPELINE_CONFIG'
  | 'PIPELINE_STAGE'
  | 'STORE'
  | 'DATA';

export class SitrepError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'SitrepError';
  }
}

export class InputError extends SitrepError {
  override readonly name = 'InputError';
}

export class PipelineError extends SitrepError {
  override readonly name = 'PipelineError';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
