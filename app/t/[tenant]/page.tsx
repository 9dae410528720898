import { redirect } from "next/navigation";

export default async function TenantIndex({ params }: { params: Promise<{ tenant: string }> }) {
  redirect(`/t/${(await params).tenant}/overview`);
}
