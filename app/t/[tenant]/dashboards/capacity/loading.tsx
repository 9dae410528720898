import { DashboardSkeleton } from "@/components/dashboards/skeleton";

export default function Loading() {
  return <DashboardSkeleton />;
}
