"use client";
import { SegmentError } from "@/components/ui/segment-error";

export default function RootError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-lg p-10">
      <SegmentError {...props} />
    </main>
  );
}
