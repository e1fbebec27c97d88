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

/** "2026-11-21" → "21/11/2026"; blank for nothing. */
export function isoToGB(iso: string | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}

/** "2026-11-21T14:05" → "21/11/2026 14:05". */
export function isoTimeToGB(iso: string): string {
  return `${isoToGB(iso)} ${iso.slice(11, 16)}`;
}

/** Now, as a person types it: "21/11/2026 14:05". */
export function nowGB(d: Date = new Date()): string {
  const hh = String(d.getHours()).padStart(2, "0");
  const mi = String(d.getMinutes()).padStart(2, "0");
  return `${formatDateGB(d)} ${hh}:${mi}`;
}

/** "1 day", "12 days". */
export function dayCount(n: number): string {
  return `${n} day${n === 1 ? "" : "s"}`;
}
