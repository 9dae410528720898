import { redirect } from "next/navigation";

export default async function ComputeIndex({ params }: { params: Promise<{ tenant: string }> }) {
  redirect(`/t/${(await params).tenant}/compute/pools`);
}
