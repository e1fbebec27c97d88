import type { PersonRecord } from "../../generated/api";

/** Applies a change's refreshed record to the page; rejects with the core's error, for the form. */
export type Update = (p: Promise<PersonRecord>) => Promise<PersonRecord>;

/** A change that is not a form (a tick, a status, a delete): a failure shows at the top of the page. */
export type Act = (p: Promise<PersonRecord>) => void;
