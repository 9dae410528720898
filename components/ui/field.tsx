import { cn } from "@/lib/cn";
import { inputClass } from "./styles";

/**
 * A labelled control with its hint and its errors, linked for assistive technology: the control
 * gets `aria-describedby` and `aria-invalid`; errors are announced as they appear.
 */
export function Field({
  id,
  label,
  hint,
  errors,
  className,
  children,
}: {
  id: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  errors?: readonly string[];
  className?: string;
  children: (aria: { id: string; "aria-describedby"?: string; "aria-invalid"?: true }) => React.ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const described = [hintId, errors?.length ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-xs font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      {children({ id, "aria-describedby": described, ...(errors?.length ? { "aria-invalid": true as const } : {}) })}
      {hint && (
        <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
      <p id={errorId} aria-live="polite" className="text-xs font-medium text-red-700 empty:hidden dark:text-red-300">
        {errors?.join(" ")}
      </p>
    </div>
  );
}

export function Input({ className, ...props }: React.ComponentProps<"input">) {
  return <input className={cn(inputClass, "aria-invalid:border-red-600 dark:aria-invalid:border-red-400", className)} {...props} />;
}

export function Select({ className, ...props }: React.ComponentProps<"select">) {
  return <select className={cn(inputClass, "aria-invalid:border-red-600 dark:aria-invalid:border-red-400", className)} {...props} />;
}
