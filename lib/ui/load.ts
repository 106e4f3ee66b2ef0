// Pages load ezeep data through this, so an ezeep failure renders as a readable notice on the
// page instead of an error screen; the message comes from the same mapping server actions use,
// in the request's language.
import { toActionError, type ActionResult } from "@/lib/auth/action";
import { runInRequestLocale } from "@/lib/i18n/scope";

export async function tryLoad<T>(load: () => Promise<T>): Promise<ActionResult<T>> {
  return runInRequestLocale(async () => {
    try {
      return { ok: true, data: await load() };
    } catch (err) {
      const digest = (err as { digest?: unknown } | null)?.digest;
      if (typeof digest === "string" && digest.startsWith("NEXT_")) throw err;
      return toActionError(err);
    }
  });
}
