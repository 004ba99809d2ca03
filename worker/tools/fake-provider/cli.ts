/**
 * Runs the fake provider on its own, for trying the Worker by hand:
 *   npm run fake-provider -- [port]   (default 9100)
 * then serve the Worker with `--var OPENAI_BASE_URL:http://127.0.0.1:9100/demo/mode%3Danswer/v1`.
 */
import { startFakeProvider } from "./server.ts";

const port = Number(process.argv[2] ?? 9100);
const provider = await startFakeProvider(port);
console.log(`Fake OpenAI-compatible provider on ${provider.origin}`);
console.log(`  OPENAI_BASE_URL=${provider.origin}/demo/mode%3Danswer/v1`);
console.log(
  `  then, say, revoke the key: curl -d '{"mode":"error","error":"invalid_api_key"}' ${provider.origin}/__scenario/demo`,
);
