/** The bindings Worker tests see: the Worker's own, plus the migrations vitest.config.ts reads. */
declare namespace Cloudflare {
  interface Env {
    /** Only in tests: the D1 migrations, applied by test-setup.ts. */
    TEST_MIGRATIONS: D1Migration[];
  }
}
