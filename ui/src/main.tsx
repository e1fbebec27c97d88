import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css";
import "./styles/01-base.css";
import "./styles/02-caseload.css";
import "./styles/03-person.css";
import "./styles/04-outcomes.css";
import "./styles/05-directory.css";
import "./styles/06-corrections.css";
import "./styles/07-layout.css";
import "./styles/08-gp.css";
import "./styles/09-report.css";
import "./styles/10-help.css";
import { App } from "./App";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
