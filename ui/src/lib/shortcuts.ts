/** Every keyboard shortcut, for Help. Change this list with the handler it describes. */
export const SHORTCUTS: { keys: string[]; what: string; where: string }[] = [
  { keys: ["F1"], what: "Open Help", where: "Anywhere once unlocked" },
  { keys: ["Ctrl", "L"], what: "Lock Linkwork now", where: "Anywhere once unlocked" },
  { keys: ["Ctrl", "="], what: "Make everything larger (Ctrl+- smaller, Ctrl+0 back to normal)", where: "Anywhere once unlocked" },
  { keys: ["Tab"], what: "Move to the next control (Shift+Tab goes back, up to the navigation)", where: "Anywhere" },
  { keys: ["Enter"], what: "Open the first person who matches the search", where: "Caseload search" },
  { keys: ["↓"], what: "Move from the search to the list, then between people (↑ goes back up)", where: "Caseload" },
  { keys: ["Alt", "L"], what: "Log a contact for the person", where: "Caseload row, or a person's page" },
  { keys: ["Alt", "1"], what: "Show a section of the person's page: 1 Overview … 9 GP summary", where: "A person's page" },
  { keys: ["←", "→"], what: "Move between the sections' tabs (Home and End for the first and last)", where: "A person's page, on the tabs" },
  { keys: ["Ctrl", "Enter"], what: "Save the contact", where: "Log contact" },
  {
    keys: ["0–9"],
    what: "Type a score 0 to 10 (1 then 0 for ten), then Tab to the next question; D for declined; Enter saves",
    where: "ONS4 form, on a question",
  },
  { keys: ["Alt", "N"], what: "Open the next person's lines (Alt+P the previous)", where: "To code" },
  { keys: ["Alt", "C"], what: "Copy the open person's lines, ready to paste", where: "To code" },
  { keys: ["Alt", "M"], what: "Mark the open person's lines entered, then on to the next person", where: "To code" },
  { keys: ["Alt", "U"], what: "Undo the last marking", where: "To code" },
  { keys: ["Alt", "N"], what: "Bring up the next person to call, then Tab to what the call came to", where: "An outreach list" },
];
