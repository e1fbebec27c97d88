// `npm audit --omit=dev` with explanations: every advisory against a package the app ships must
// be listed in audit-allow.json with the reason it does not apply, or the run fails. When the
// advisory service cannot be reached (this build network has none), that is said plainly: the
// check was skipped, not passed.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const allow = JSON.parse(readFileSync(new URL("../audit-allow.json", import.meta.url), "utf8")).advisories;
let out;
try {
  out = execFileSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
} catch (e) {
  // npm exits 1 when it finds something; its JSON is still on stdout.
  out = e.stdout ?? "";
}
let report;
try {
  report = JSON.parse(out);
} catch {
  report = { error: { summary: out.slice(0, 200) } };
}
// Without `metadata` there was no audit: the service refused or could not be reached.
if (!report.metadata) {
  const why = report.message ?? report.error?.summary ?? report.error?.code ?? "no answer";
  console.log(`npm audit: SKIPPED: the npm advisory service cannot be reached from here (${why}).`);
  process.exit(0);
}
const unexplained = [];
for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
  for (const via of v.via) {
    if (typeof via !== "object") continue;
    const id = via.url?.split("/").pop() ?? String(via.source);
    if (!allow[id]) unexplained.push(`${name}: ${via.title} (${id}, ${via.severity})`);
  }
}
if (unexplained.length) {
  console.error(`npm audit: ${unexplained.length} advisory(ies) not explained in ui/audit-allow.json:\n  ${unexplained.join("\n  ")}`);
  process.exit(1);
}
const total = report.metadata?.vulnerabilities?.total ?? 0;
console.log(`npm audit: ${total === 0 ? "no advisories" : `${total} advisory(ies), each explained in ui/audit-allow.json`} for the packages the app ships.`);
