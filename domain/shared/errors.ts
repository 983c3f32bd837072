/**
 * A rule of the domain was broken. `code` is stable (it becomes the problem+json `type`
 * `https://cam.lmhtx.vn/problems/<code>`); `rule` says, for people, what the rule protects.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly rule: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
