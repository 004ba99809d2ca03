/** What the webhook receiver's global setup hands to tests through `inject`. */
declare module "vitest" {
  export interface ProvidedContext {
    /** `http://127.0.0.1:PORT` of the test webhook receiver (server.ts). */
    webhookReceiverOrigin: string;
  }
}

export {};
