import { NotBuilt } from "@/components/ui/not-built";

export default function Page({ params }: { params: Promise<{ tenant: string }> }) {
  return <NotBuilt tenant={params} section="orders" />;
}
