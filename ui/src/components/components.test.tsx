import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { ConfirmButton } from "./Confirm";
import { ErrorSummary, errorsFrom } from "./Form";
import type { ApiError } from "../generated/api";

afterEach(cleanup);

describe("ConfirmButton", () => {
  it("asks first, and only the second click does it", () => {
    const done = vi.fn();
    render(<ConfirmButton id="discard" label="Discard" question="Discard this note for good?" yes="Yes, discard it" onConfirm={done} />);
    fireEvent.click(screen.getByText("Discard"));
    expect(screen.getByText("Discard this note for good?")).toBeTruthy();
    expect(document.activeElement?.id).toBe("discard-confirm");
    fireEvent.click(screen.getByText("Keep it"));
    expect(done).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText("Discard"));
    fireEvent.click(screen.getByText("Yes, discard it"));
    expect(done).toHaveBeenCalledTimes(1);
  });
});

describe("errorsFrom and ErrorSummary", () => {
  const err: ApiError = {
    code: "INVALID_INPUT",
    message: "Enter a date.",
    field: "occurred_at",
    related_person_id: null,
    problems: [
      { field: "occurred_at", message: "Enter a date." },
      { field: "duration_minutes", message: "Enter how long." },
      { field: "elsewhere", message: "Something not on this form." },
    ],
  };

  it("puts every problem beside its field, renamed where the form asks, and the rest on top", () => {
    const e = errorsFrom(err, ["occurred_at", "duration_minutes"], { duration_minutes: "contact-duration" });
    expect(e.fields).toEqual({ occurred_at: "Enter a date.", "contact-duration": "Enter how long." });
    expect(e.form).toBe("Something not on this form.");
  });

  it("lists each problem as a link, and two summaries never share an id", () => {
    const e = errorsFrom(err, ["occurred_at", "duration_minutes", "elsewhere"]);
    render(
      <>
        <ErrorSummary errors={e} />
        <ErrorSummary errors={e} />
      </>,
    );
    const links = screen.getAllByRole("link");
    expect(links.map((a) => a.getAttribute("href"))).toEqual([
      "#occurred_at",
      "#duration_minutes",
      "#elsewhere",
      "#occurred_at",
      "#duration_minutes",
      "#elsewhere",
    ]);
    const titles = [...document.querySelectorAll(".nhsuk-error-summary__title")].map((t) => t.id);
    expect(new Set(titles).size).toBe(2);
  });
});
