import type { ApiError } from "../generated/api";

export function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** Any rejection as an ApiError, so screens only ever deal with one shape. */
export function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return e;
  return { code: "INTERNAL", message: `Linkwork hit an unexpected problem: ${String(e)}`, field: null, related_person_id: null };
}
