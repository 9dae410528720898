"use client";
import { useState } from "react";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { secondaryButtonClass } from "@/components/ui/styles";

export function SignOutButton() {
  const t = useTranslations("shell");
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      aria-busy={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/signin" });
      }}
      className={secondaryButtonClass}
    >
      {t("signOut")}
    </button>
  );
}
