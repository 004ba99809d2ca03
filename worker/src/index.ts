/**
 * The Support Chat Worker. Middleware order is deliberate: CORS (with the origin check) wraps
 * the public API first, then each route group validates its own input.
 */
import { Hono } from "hono";
import { originGuard } from "./cors";
import type { AppEnv } from "./env";
import { ApiError, handleError } from "./errors";
import { chat } from "./routes/chat";
import { config } from "./routes/config";
import { health } from "./routes/health";

const app = new Hono<AppEnv>();

app.use("/api/chat", originGuard());
app.use("/api/config", originGuard());

app.route("/api/chat", chat);
app.route("/api/config", config);
app.route("/api/health", health);

app.all("/api/*", (c) => {
  throw new ApiError(404, "not_found", `No route for ${c.req.method} ${new URL(c.req.url).pathname}`);
});
app.notFound(() => {
  throw new ApiError(404, "not_found", "Not found");
});
app.onError(handleError);

export default app;
export { Limiter } from "./limits/limiter";
