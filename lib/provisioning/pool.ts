// The one concurrency pool lives in lib/concurrency.ts; kept here so existing imports still work.
export { createLimiter, mapPool, type Limiter } from "@/lib/concurrency";
