import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A form kept behind a button: opening it focuses its first field; `done` closes it and puts focus
 * back on the button (or on `focusId`, e.g. the item just saved), so focus never falls to the page.
 */
export function OnDemand({
  id,
  label,
  className,
  children,
  startOpen = false,
}: {
  id: string;
  label: ReactNode;
  className?: string;
  children: (done: (focusId?: string) => void) => ReactNode;
  /** Open from the first render (its first field focused), as when another button asked for it. */
  startOpen?: boolean;
}) {
  const [open, setOpen] = useState(startOpen);
  const box = useRef<HTMLDivElement>(null);
  const after = useRef<string | null>(null);
  useEffect(() => {
    if (open) box.current?.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea")?.focus();
    else if (after.current) {
      document.getElementById(after.current)?.focus();
      after.current = null;
    }
  }, [open]);
  if (!open)
    return (
      <button className={className ?? "nhsuk-button nhsuk-button--secondary"} type="button" id={id} onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  return (
    <div ref={box}>
      {children((focusId) => {
        after.current = focusId ?? id;
        setOpen(false);
      })}
    </div>
  );
}
