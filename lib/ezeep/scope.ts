// Request scope for ezeep reads: within one page view (or one action), the same GET is sent once.
//
// `withEzeepScope(fn)` runs `fn` with a fresh scope (AsyncLocalStorage): every GET a client makes
// inside it is remembered by client and URL, and a second identical GET gets the first one's
// answer, parsed again (each caller gets its own objects). Any write through that client in the
// scope forgets what it remembered, so a read after a write goes to ezeep again. Outside an explicit scope, a fallback store can be
// installed (the portal uses React's per-request `cache()` for server components), so the pieces
// of one rendered page share their reads without being wired together.
//
// The scope also adds up how long requests waited for a Retry-After gate (lib/ezeep/lanes.ts), so
// an action can tell the admin "ezeep asked us to wait N s".
import { AsyncLocalStorage } from "node:async_hooks";

export interface EzeepScope {
  /** Remembered GETs: `<client id> <url>` → the answer's text; null: every GET goes to ezeep. */
  memo: Map<string, Promise<unknown>> | null;
  /** Milliseconds requests in this scope waited because ezeep asked the portal to wait. */
  throttledMs: number;
}

const storage = new AsyncLocalStorage<EzeepScope>();

const g = globalThis as unknown as { __ezeepScopeFallback?: () => EzeepScope | undefined };

function newScope(memo = true): EzeepScope {
  return { memo: memo ? new Map() : null, throttledMs: 0 };
}

/** Runs `fn` in a fresh scope (nested calls start their own). */
export function withEzeepScope<T>(fn: () => Promise<T>): Promise<T> {
  return storage.run(newScope(), fn);
}

/**
 * Runs a change (an action) and reports how long ezeep made its requests wait. Nothing is
 * remembered here: a change re-reads what it modifies, under its lock, from ezeep itself.
 */
export async function withThrottleReport<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; throttledMs: number }> {
  const scope = newScope(false);
  const result = await storage.run(scope, fn);
  return { result, throttledMs: scope.throttledMs };
}

/** The scope requests run in now: the explicit one, else the installed fallback, else none. */
export function currentEzeepScope(): EzeepScope | undefined {
  return storage.getStore() ?? g.__ezeepScopeFallback?.();
}

/** Whether a GET sent now is remembered for the rest of the scope (a read started early is shared). */
export function readsAreShared(): boolean {
  return Boolean(currentEzeepScope()?.memo);
}

/** Installs the store used outside an explicit scope (one per rendered request). */
export function setEzeepScopeFallback(fallback: (() => EzeepScope | undefined) | null): void {
  g.__ezeepScopeFallback = fallback ?? undefined;
}

/** A new, empty scope object (for fallbacks that create one per request). */
export function createEzeepScope(): EzeepScope {
  return newScope();
}
