import { createContext, useContext } from "react";
import type { Choice, ReferenceLists } from "../generated/api";

/** The core's fixed lists (with labels), loaded once after unlock. */
export const ListsContext = createContext<ReferenceLists | null>(null);

export function useLists(): ReferenceLists {
  const l = useContext(ListsContext);
  if (!l) throw new Error("reference lists not loaded");
  return l;
}

export function labelOf(choices: Choice[], value: string | null | undefined): string {
  return choices.find((c) => c.value === value)?.label ?? value ?? "";
}
