import { useEffect } from "react";

/** A group's pages start at their heading once shown, so a keyboard user carries on from there
 *  (they are one screen: moving between them is not a route change the app focuses for). */
export function useFocusOnArrival(id: string, ready: boolean) {
  useEffect(() => {
    if (ready) document.getElementById(id)?.focus({ preventScroll: true });
  }, [id, ready]);
}
