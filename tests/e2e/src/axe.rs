//! axe-core in the real window: every screen checked for WCAG 2.0–2.2 A and AA.

use crate::{must_exist, workspace, App, Harness};

/// The WCAG tags every screen is checked against: 2.0, 2.1 and 2.2, levels A and AA.
const AXE_TAGS: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

impl Harness {
    /// Runs axe-core on the window as it is now and fails on any violation, of any impact, naming
    /// the rule and the elements. What axe could not decide ("needs review") is appended to
    /// `axe-review.txt` beside the screenshots, for a person to look at.
    pub async fn axe(&self, app: &App, screen: &str) {
        let loaded = app
            .client
            .execute("return typeof window.axe === 'object';", vec![])
            .await
            .expect("look for axe");
        if loaded != serde_json::Value::Bool(true) {
            let src = must_exist(
                workspace().join("ui/node_modules/axe-core/axe.min.js"),
                "axe-core (a UI dev dependency; `./dev test` installs it)",
            );
            let src = std::fs::read_to_string(src).unwrap();
            app.client
                .execute(&format!("{src}\nreturn true;"), vec![])
                .await
                .expect("load axe-core into the page");
        }
        let result = app
            .client
            .execute_async(
                "const [tags, done] = arguments;
                 axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] })
                   .then((r) => done(JSON.stringify({
                     violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                       nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary, html: n.html.slice(0, 200) })) })),
                     incomplete: r.incomplete.map((v) => ({ id: v.id, help: v.help,
                       nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })) })),
                   })), (e) => done(JSON.stringify({ error: String(e) })));",
                vec![serde_json::json!(AXE_TAGS)],
            )
            .await
            .expect("run axe-core");
        let report: serde_json::Value =
            serde_json::from_str(result.as_str().expect("axe answers in JSON")).unwrap();
        assert!(
            report.get("error").is_none(),
            "axe-core failed on {screen}: {report}"
        );
        let mut review = String::new();
        for item in report["incomplete"].as_array().unwrap() {
            for node in item["nodes"].as_array().unwrap() {
                review.push_str(&format!(
                    "{screen}\t{}\t{}\t{}\n",
                    item["id"].as_str().unwrap_or_default(),
                    node["target"].as_str().unwrap_or_default(),
                    node["summary"]
                        .as_str()
                        .unwrap_or_default()
                        .replace('\n', " ")
                ));
            }
        }
        if !review.is_empty() {
            use std::io::Write;
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(self.shots.join("axe-review.txt"))
                .and_then(|mut f| f.write_all(review.as_bytes()))
                .unwrap();
        }
        let violations = report["violations"].as_array().unwrap();
        if !violations.is_empty() {
            self.shot(app, &format!("{screen}-axe")).await;
        }
        let described: Vec<String> = violations
            .iter()
            .map(|v| {
                let nodes: Vec<String> = v["nodes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| {
                        format!(
                            "    {} — {}\n      {}",
                            n["target"], n["html"], n["summary"]
                        )
                    })
                    .collect();
                format!(
                    "  {} ({}): {}\n{}",
                    v["id"],
                    v["impact"],
                    v["help"],
                    nodes.join("\n")
                )
            })
            .collect();
        assert!(
            described.is_empty(),
            "[{}] axe-core found WCAG 2.2 A/AA violations on {screen}:\n{}",
            self.name,
            described.join("\n")
        );
    }
}

/// Styles that can show focus, read from an element, its label or wrapper beside it, and their
/// `::before` / `::after` (the design system draws a radio's focus ring on its label's `::before`).
const FOCUS_SIGNATURE: &str = "
const sig = (el) => [el, el.nextElementSibling, el.parentElement]
  .flatMap((n) => (n ? [getComputedStyle(n), getComputedStyle(n, '::before'), getComputedStyle(n, '::after')] : []))
  .map((s) => [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color,
               s.borderTopColor, s.borderBottomWidth, s.textDecorationLine, s.textDecorationThickness].join(' '))
  .join('|');";

impl App {
    /// Focuses every control on the page that a person could Tab to, one at a time, and fails
    /// naming each whose look does not change when it has focus (WCAG 2.4.7, focus visible).
    pub async fn every_focus_visible(&self, screen: &str) {
        use fantoccini::key::Key;
        // A key press first, so the browser treats the focus that follows as keyboard focus.
        self.keys(&char::from(Key::Shift).to_string()).await;
        let unseen = self
            .client
            .execute(
                &format!(
                    "{FOCUS_SIGNATURE}
                     const all = [...document.querySelectorAll(
                       'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex=\"-1\"])')]
                       .filter((el) => el.getClientRects().length > 0 && !el.closest('[hidden], [inert]'));
                     document.activeElement?.blur();
                     const out = [];
                     // Focus moves from control to control, as by Tab: blurring in between would
                     // end the keyboard modality that :focus-visible follows.
                     for (const el of all) {{
                       const before = sig(el);
                       el.focus();
                       if (document.activeElement !== el) continue;
                       if (sig(el) === before) out.push(el.outerHTML.slice(0, 160));
                     }}
                     document.activeElement?.blur();
                     return out;"
                ),
                vec![],
            )
            .await
            .expect("check focus styles");
        let unseen: Vec<String> = serde_json::from_value(unseen).unwrap();
        assert!(
            unseen.is_empty(),
            "on {screen}, focus does not show on:\n  {}",
            unseen.join("\n  ")
        );
    }
}
