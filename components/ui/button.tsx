import { Slot } from "radix-ui";
import { cva, type VariantProps } from "class-variance-authority";
import { cn } from "@/lib/cn";
import { dangerButtonClass, primaryButtonClass, secondaryButtonClass } from "./styles";

export const buttonVariants = cva("inline-flex items-center justify-center gap-1.5 whitespace-nowrap disabled:cursor-not-allowed disabled:opacity-60", {
  variants: {
    variant: { primary: primaryButtonClass, secondary: secondaryButtonClass, danger: dangerButtonClass, ghost: "rounded-md px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-200/70 dark:text-slate-200 dark:hover:bg-slate-800" },
    size: { sm: "", md: "px-3 py-1.5 text-sm" },
  },
  defaultVariants: { variant: "secondary", size: "sm" },
});

type Props = React.ComponentProps<"button"> & VariantProps<typeof buttonVariants> & { asChild?: boolean; pending?: boolean };

/** A button in one of the console's variants; `pending` disables it and says it is busy. */
export function Button({ className, variant, size, asChild = false, pending = false, disabled, type = "button", ...props }: Props) {
  const Comp = asChild ? Slot.Root : "button";
  return (
    <Comp
      {...(asChild ? {} : { type, disabled: disabled || pending })}
      aria-busy={pending || undefined}
      className={cn(buttonVariants({ variant, size }), className)}
      {...props}
    />
  );
}
