// "Page not found" (HTTP 404): for unknown URLs and for ids that do not exist (notFound()).
import Link from "next/link";

import { buttonClass } from "@/lib/ui/styles";

export function NotFoundMessage() {
  return (
    <div className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-4 px-6 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-sm text-slate-600">The page does not exist, or what it showed was deleted.</p>
      <Link href="/" className={buttonClass.primary}>
        Back to the overview
      </Link>
    </div>
  );
}
