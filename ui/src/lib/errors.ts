import type { ApiError } from "../generated/api";

export function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** Any rejection as an ApiError, so screens only ever deal with one shape. */
export function toApiError(e: unknown): ApiError {
  // An older or hand-made error may lack the list of problems; its one field still counts.
  if (isApiError(e)) return { ...e, field: e.field ?? null, related_person_id: e.related_person_id ?? null, problems: e.problems ?? [] };
  return { code: "INTERNAL", message: `Linkwork hit an unexpected problem: ${String(e)}`, field: null, related_person_id: null, problems: [] };
}
