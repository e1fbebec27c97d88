/** 21/11/2026 — how dates are shown everywhere in Linkwork. */
export function formatDateGB(d: Date): string {
  const dd = String(d.getDate()).padStart(2, "0");
  const mm = String(d.getMonth() + 1).padStart(2, "0");
  return `${dd}/${mm}/${d.getFullYear()}`;
}

/** "1 minute", "10 minutes". */
export function minutes(n: number): string {
  return `${n} minute${n === 1 ? "" : "s"}`;
}
