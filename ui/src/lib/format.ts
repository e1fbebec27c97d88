/** 21/11/2026 — how dates are shown everywhere in Linkwork. */
export function formatDateGB(d: Date): string {
  const dd = String(d.getDate()).padStart(2, "0");
  const mm = String(d.getMonth() + 1).padStart(2, "0");
  return `${dd}/${mm}/${d.getFullYear()}`;
}

/** Today on this computer as YYYY-MM-DD, to compare with the core's ISO dates. */
export function todayIso(): string {
  return formatDateGB(new Date()).split("/").reverse().join("-");
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
  return plural(n, "day");
}

/** "today", "yesterday", "12 days ago" (never "0 days ago"). */
export function daysAgo(n: number): string {
  return n <= 0 ? "today" : n === 1 ? "yesterday" : `${n} days ago`;
}

/** "1 line", "3 lines"; `many` for irregular plurals ("people"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** How many days before `today` a typed date (DD/MM/YYYY or YYYY-MM-DD) is; null when blank, unreadable or not in the past. */
export function daysBefore(text: string, today: Date = new Date()): number | null {
  const t = text.trim();
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (!m) return null;
  const [y, mo, d] = t.includes("/") ? [Number(m[3]), Number(m[2]), Number(m[1])] : [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = Date.UTC(y, mo - 1, d);
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const n = Math.round((now - day) / 86_400_000);
  return n > 0 ? n : null;
}
