import { useEffect, useState } from "react";
import { api, type AssetHit, type AssetSearchArgs } from "../../generated/api";

/** Typing pauses this long before the search runs: instant to the eye, not one query per key. */
const SEARCH_DEBOUNCE_MS = 120;

/** Searches the directory a moment after the last change of `args`; `null` searches nothing. */
export function useAssetSearch(args: AssetSearchArgs | null) {
  const [result, setResult] = useState<{ hits: AssetHit[]; total: number } | null>(null);
  const key = args && JSON.stringify(args);
  useEffect(() => {
    if (!key) return setResult(null);
    let live = true;
    let t: ReturnType<typeof setTimeout>;
    // A search that fails (the vault busy with a backup, say) is asked again a moment later, a
    // few times, rather than leaving the last results on screen as if they answered this one.
    const ask = (tries: number) => {
      api.search_assets(JSON.parse(key) as AssetSearchArgs).then(
        (r) => live && setResult(r),
        () => {
          if (live && tries > 0) t = setTimeout(() => ask(tries - 1), 500);
        },
      );
    };
    t = setTimeout(() => ask(3), SEARCH_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [key]);
  return [result, setResult] as const;
}
