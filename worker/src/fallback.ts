/** Why an answer came from the FAQ instead of the model: the words the limits, the answer and the stats share. */
export type FallbackReason =
  /** No provider key: FAQ-only mode. */
  | "no_key"
  /** The client network's tokens for the day are spent. */
  | "network_tokens"
  /** The site's daily budget is spent, or could not be asked. */
  | "site_budget"
  /** The provider failed before its first token. */
  | "provider";
