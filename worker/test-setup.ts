/** Runs before each Worker test file, inside workerd: the D1 schema, from the repo's migrations. */
import { applyD1Migrations, env } from "cloudflare:test";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
