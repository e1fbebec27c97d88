import { useLayoutEffect, useRef, useState, type ReactNode } from "react";

/** A data table's own scrolling region: when the window is too narrow for it (zoomed to 200 %,
 *  say), the table scrolls sideways inside this box with its first column kept in view, and the
 *  page around it still reflows (WCAG 1.4.10). Only while it scrolls is it a named region in the
 *  Tab order, so the keyboard can scroll it; otherwise it is just a box. */
export function TableRegion({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [label, setLabel] = useState<string | null>(null);
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box || typeof ResizeObserver === "undefined") return;
    const check = () => {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      const caption = box.querySelector("caption")?.textContent?.trim();
      setLabel(scrolls ? `${caption || "Table"} (scrolls sideways)` : null);
    };
    check();
    const watch = new ResizeObserver(check);
    watch.observe(box);
    const table = box.firstElementChild;
    if (table) watch.observe(table);
    return () => watch.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className="app-table-region"
      role={label ? "region" : undefined}
      aria-label={label ?? undefined}
      tabIndex={label ? 0 : undefined}
      data-scrolls={label ? "" : undefined}
    >
      {children}
    </div>
  );
}
