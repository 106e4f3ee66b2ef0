// Pages load ezeep data through this, so an ezeep failure renders as a readable notice on the
// page instead of an error screen; the message comes from the same mapping server actions use.
import { toActionError, type ActionResult } from "@/lib/auth/action";

export async function tryLoad<T>(load: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await load() };
  } catch (err) {
    const digest = (err as { digest?: unknown } | null)?.digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_")) throw err;
    return toActionError(err);
  }
}
