/** Stable error codes: a user's mistake (4xx) and a bug (5xx) are different things. */
export const ErrorCodes = {
  badRequest: { code: 'NS_ERR_BAD_REQUEST', status: 400 },
  validation: { code: 'NS_ERR_VALIDATION', status: 400 },
  unknownKind: { code: 'NS_ERR_UNKNOWN_KIND', status: 404 },
  unknownMetric: { code: 'NS_ERR_UNKNOWN_METRIC', status: 400 },
  unknownDimension: { code: 'NS_ERR_UNKNOWN_DIMENSION', status: 400 },
  badDate: { code: 'NS_ERR_BAD_DATE', status: 400 },
  badTimezone: { code: 'NS_ERR_BAD_TIMEZONE', status: 400 },
  emptyFile: { code: 'NS_ERR_EMPTY_FILE', status: 400 },
  strictImport: { code: 'NS_ERR_STRICT_IMPORT', status: 422 },
  unsupportedFormat: { code: 'NS_ERR_UNSUPPORTED_FORMAT', status: 415 },
  payloadTooLarge: { code: 'NS_ERR_PAYLOAD_TOO_LARGE', status: 413 },
  unauthorized: { code: 'NS_ERR_UNAUTHORIZED', status: 401 },
  forbidden: { code: 'NS_ERR_FORBIDDEN', status: 403 },
  notFound: { code: 'NS_ERR_NOT_FOUND', status: 404 },
  conflict: { code: 'NS_ERR_CONFLICT', status: 409 },
  overloaded: { code: 'NS_ERR_OVERLOADED', status: 503 },
  blockedTarget: { code: 'NS_ERR_BLOCKED_TARGET', status: 400 },
  internal: { code: 'NS_ERR_INTERNAL', status: 500 },
} as const;

export type ErrorKind = keyof typeof ErrorCodes;

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;

  constructor(kind: ErrorKind, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = ErrorCodes[kind].code;
    this.status = ErrorCodes[kind].status;
    this.details = details;
  }

  toJSON(): { error: { code: string; message: string; details?: unknown } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function assertUnreachable(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
