/** Helpers for tests of the operator API: an env with an admin token, and calls that carry it. */
import type { Bindings } from "../env";
import { request, testEnv } from "./harness";

export const TOKEN = "operator-token-0123456789";

/** FAQ-only mode (no provider key) with the operator token set. */
export const adminEnv = (overrides: Partial<Bindings> = {}) =>
  testEnv({ ADMIN_TOKEN: TOKEN, OPENAI_API_KEY: "", ...overrides });

export function call(
  method: string,
  path: string,
  body?: unknown,
  vars = adminEnv(),
  headers: Record<string, string> = {},
): Promise<Response> {
  return request(
    `/api/admin${path}`,
    {
      method,
      headers: { Authorization: `Bearer ${TOKEN}`, ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    },
    vars,
  );
}

export async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
