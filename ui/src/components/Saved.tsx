import { useEffect, useRef, type ReactNode } from "react";

/** Says what was just saved and takes focus, so a keyboard or screen reader user hears it and
 *  carries on from here, not from the top of the page. Focuses again when the text changes. */
export function Saved({ text, testid, children }: { text: string; testid?: string; children?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    el.scrollIntoView?.({ block: "nearest" });
  }, [text]);
  return (
    <div className="app-saved" role="status" tabIndex={-1} ref={ref} data-testid={testid}>
      <p>{text}</p>
      {children}
    </div>
  );
}
