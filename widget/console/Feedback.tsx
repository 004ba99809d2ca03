/** How console pages report back: a status line for what worked, an alert for what failed. */
import { AdminError } from "./admin-api";

export function Feedback({ status, error }: { status?: string; error?: string }) {
  return (
    <>
      {status && (
        <p role="status" class="status">
          {status}
        </p>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </>
  );
}

/**
 * The message to show for a failed call, or `null` when the token was refused: then
 * `onUnauthorized` has already sent the operator back to sign in.
 */
export function failureMessage(err: unknown, onUnauthorized: () => void): string | null {
  if (err instanceof AdminError && err.status === 401) {
    onUnauthorized();
    return null;
  }
  return err instanceof Error ? err.message : String(err);
}
