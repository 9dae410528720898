import { Badge } from "@/components/ui/badge";

const TONE = { SUBMITTED: "blue", IN_REVIEW: "amber", DELIVERED: "green", REJECTED: "red", CANCELLED: "grey" } as const;

export function OrderStatusBadge({ status, label }: { status: keyof typeof TONE; label: string }) {
  return (
    <Badge tone={TONE[status]} dot>
      {label}
    </Badge>
  );
}
