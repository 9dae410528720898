import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireTenant } from "@/lib/auth/session";
import { NotBuilt, type Section } from "@/components/ui/not-built";

type Props = { params: Promise<{ tenant: string }> };

/** The page and title of a section that is not built yet; each route file picks its section. */
export function notBuiltPage(section: Section) {
  async function Page({ params }: Props) {
    // Checked here too: a page never relies on its layout alone for access.
    await requireTenant((await params).tenant);
    return <NotBuilt section={section} />;
  }
  async function generateMetadata(): Promise<Metadata> {
    return { title: (await getTranslations("nav"))(section) };
  }
  return { Page, generateMetadata };
}
