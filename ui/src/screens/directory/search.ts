import { useCallback, useEffect, useState } from "react";
import { api, type AssetHit, type AssetSearchArgs } from "../../generated/api";
import { toApiError } from "../../lib/errors";

/** Typing pauses this long before the search runs: instant to the eye, not one query per key. */
const SEARCH_DEBOUNCE_MS = 120;

/** Searches the directory a moment after the last change of `args`; `null` searches nothing.
 *  Also: why the last search failed (after asking again a few times), and a way to ask again. */
export function useAssetSearch(args: AssetSearchArgs | null) {
  const [result, setResult] = useState<{ hits: AssetHit[]; total: number } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [again, setAgain] = useState(0);
  const key = args && JSON.stringify(args);
  useEffect(() => {
    setFailed(null);
    if (!key) return setResult(null);
    let live = true;
    let t: ReturnType<typeof setTimeout>;
    // A search that fails (the vault busy with a backup, say) is asked again a moment later, a
    // few times, then says so: never the last results on screen as if they answered this one.
    const ask = (tries: number) => {
      api.search_assets(JSON.parse(key) as AssetSearchArgs).then(
        (r) => live && setResult(r),
        (e) => {
          if (!live) return;
          if (tries > 0) t = setTimeout(() => ask(tries - 1), 500);
          else {
            setResult(null);
            setFailed(toApiError(e).message);
          }
        },
      );
    };
    t = setTimeout(() => ask(3), SEARCH_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [key, again]);
  const retry = useCallback(() => setAgain((n) => n + 1), []);
  return [result, setResult, failed, retry] as const;
}
