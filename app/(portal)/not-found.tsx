import { NotFoundMessage } from "@/lib/ui/not-found";

// Inside the portal shell, which already provides the <main> landmark (an unknown id).
export default function PortalNotFound() {
  return <NotFoundMessage />;
}
