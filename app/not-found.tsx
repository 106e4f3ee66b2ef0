import { NotFoundMessage } from "@/lib/ui/not-found";

// Outside the portal shell (an unknown URL): the message is the page's main content.
export default function NotFound() {
  return (
    <main>
      <NotFoundMessage />
    </main>
  );
}
