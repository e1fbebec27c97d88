//! Small-number protection. A count from 1 to 4, or a share, mean or median of fewer than 5 people,
//! is hidden for its own sake (primary). Then, because the published figures add up — a row to its
//! total, a column to another table's figure, each worker to the team — whatever would let a hidden
//! figure be worked out is hidden too (secondary), until none can be.
//!
//! "Worked out" is judged as a stranger holding every published table would: each hidden count is
//! known to be a whole number, "<5" ones between 1 and 4 and the rest at least 0, and every
//! declared [`Link`] holds. First, cheaply, bounds are narrowed along the links one at a time until
//! nothing changes; then each hidden figure's least and greatest possible values are found by a
//! linear program over all the links at once (which sees what rows and columns together give away,
//! as in a table with both totals). A hidden figure with one possible value is disclosed, and the
//! cheapest visible figure linked to it is hidden next. Hiding more only ever widens what is
//! possible, so a figure once shown safe stays safe and each is checked once. The report's tests
//! attack the result independently (relations written apart from these, read from the published
//! tables alone) over many random caseloads and teams.

use super::{Cell, Draft, Fact, Suppression, Table};
use std::collections::HashMap;

/// Where a figure stands: (table, row, column) among the drafts.
pub(crate) type Place = (usize, usize, usize);

/// What a reader knows ties figures together.
#[derive(Debug, Clone)]
pub(crate) enum Link {
    /// Σ coefficient × figure = 0: a total and its parts, two places holding one figure, a team and
    /// its workers. A share's figure here is its numerator; a mean's, its sum.
    Linear(Vec<(f64, Place)>),
    /// The share, mean or median at `at` is shown only if every figure in `on` is (its denominator):
    /// a percentage of a hidden count would give that count away. A share's numerator is at most
    /// its denominator.
    Needs { at: Place, on: Vec<Place> },
    /// Σ coefficient × figure ≤ 0: a part never more than its whole (re-referrals of the new ones).
    AtMost(Vec<(f64, Place)>),
}

/// Finds figures by table name, the row's codes (its text cells outside label columns) and the
/// column name.
pub(crate) struct Index<'a> {
    drafts: &'a [Draft],
    by_name: HashMap<&'a str, usize>,
}

/// A column of words that name a row's code rather than being the code itself.
fn is_label(name: &str) -> bool {
    name == "label" || name.ends_with("_label")
}

impl<'a> Index<'a> {
    pub fn new(drafts: &'a [Draft]) -> Self {
        let by_name = drafts
            .iter()
            .enumerate()
            .map(|(i, d)| (d.name.as_str(), i))
            .collect();
        Index { drafts, by_name }
    }

    /// The codes that name a row, in column order.
    pub fn key(&self, t: usize, r: usize) -> Vec<&'a str> {
        let d = &self.drafts[t];
        d.rows[r]
            .iter()
            .zip(&d.columns)
            .filter(|(_, c)| !is_label(&c.name))
            .filter_map(|(f, _)| match f {
                Fact::Text(s) => Some(s.as_str()),
                _ => None,
            })
            .collect()
    }

    pub fn column(&self, t: usize, name: &str) -> Option<usize> {
        self.drafts[t].columns.iter().position(|c| c.name == name)
    }

    pub fn table(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    pub fn tables(&self) -> std::ops::Range<usize> {
        0..self.drafts.len()
    }

    pub fn width(&self, t: usize) -> usize {
        self.drafts[t].columns.len()
    }

    /// A figure about people: what protection reasons about.
    pub fn is_figure(&self, p: Place) -> bool {
        matches!(
            self.fact(p),
            Fact::Count(_) | Fact::Share(_) | Fact::Mean { .. }
        )
    }

    pub fn rows(&self, t: usize) -> std::ops::Range<usize> {
        0..self.drafts[t].rows.len()
    }

    /// The place of `column` in the row of `table` whose codes are `key`.
    pub fn find<K: AsRef<str>>(&self, table: &str, key: &[K], column: &str) -> Option<Place> {
        let t = self.table(table)?;
        let c = self.column(t, column)?;
        self.rows(t)
            .find(|&r| {
                let k = self.key(t, r);
                k.len() == key.len() && k.iter().zip(key).all(|(a, b)| *a == b.as_ref())
            })
            .map(|r| (t, r, c))
    }

    /// Every place of `column` in the rows of `table` whose codes start with `prefix`.
    pub fn all<K: AsRef<str>>(&self, table: &str, prefix: &[K], column: &str) -> Vec<Place> {
        let (Some(t), mut out) = (self.table(table), vec![]) else {
            return vec![];
        };
        let Some(c) = self.column(t, column) else {
            return out;
        };
        for r in self.rows(t) {
            let k = self.key(t, r);
            if k.len() >= prefix.len() && k.iter().zip(prefix).all(|(a, b)| *a == b.as_ref()) {
                out.push((t, r, c));
            }
        }
        out
    }

    pub fn fact(&self, p: Place) -> &'a Fact {
        &self.drafts[p.0].rows[p.1][p.2]
    }
}

/// `total` = Σ `parts` (a missing part is a row not shown: zero).
pub(crate) fn total_of(parts: Vec<Place>, total: Option<Place>) -> Option<Link> {
    let total = total?;
    let mut terms: Vec<(f64, Place)> = parts.into_iter().map(|p| (1.0, p)).collect();
    terms.push((-1.0, total));
    Some(Link::Linear(terms))
}

/// Two places hold one figure.
pub(crate) fn same(a: Option<Place>, b: Option<Place>) -> Option<Link> {
    Some(Link::Linear(vec![(1.0, a?), (-1.0, b?)]))
}

/// `part` ≤ `whole`.
pub(crate) fn at_most(part: Option<Place>, whole: &[Option<Place>]) -> Option<Link> {
    let mut terms = vec![(1.0, part?)];
    for w in whole {
        terms.push((-1.0, (*w)?));
    }
    Some(Link::AtMost(terms))
}

pub(crate) fn needs(at: Option<Place>, on: &[Option<Place>]) -> Option<Link> {
    Some(Link::Needs {
        at: at?,
        on: on.iter().flatten().copied().collect(),
    })
}

/// One figure a reader could try to work out.
struct Var {
    place: Place,
    value: f64,
    /// A count or a share's numerator: a whole number, at least 0.
    whole: bool,
    /// Hidden for its own sake, and what a reader then knows of it.
    primary: Option<(f64, f64)>,
    share: bool,
}

/// What protection does next for a disclosed figure.
enum Action {
    /// Hide a shown figure.
    Hide(usize),
    /// Show a figure hidden as "<5" as "[c]" instead, which does not say it is from 1 to 4.
    SayLess(usize),
}

struct Model {
    vars: Vec<Var>,
    /// Known whatever is hidden (a total of no rows is 0, and so is anything equal to it or part of
    /// it): hiding it would protect nothing.
    fixed: Vec<bool>,
    linear: Vec<Vec<(f64, usize)>>,
    /// Σ ≤ 0.
    at_most: Vec<Vec<(f64, usize)>>,
    needs: Vec<(usize, Vec<usize>)>,
}

impl Model {
    fn new(drafts: &[Draft], links: &[Link], s: Suppression) -> Self {
        let mut vars = vec![];
        let mut at = HashMap::new();
        for (t, d) in drafts.iter().enumerate() {
            for (r, row) in d.rows.iter().enumerate() {
                for (c, f) in row.iter().enumerate() {
                    let (value, whole, known) = match f {
                        Fact::Count(n) => (*n as f64, true, (1.0, 4.0)),
                        // Hidden because the numerator or the denominator is under 5: a numerator
                        // of 1–4, or of 0 with a denominator under 5.
                        Fact::Share(sh) => (
                            sh.num as f64,
                            true,
                            (if sh.num > 0 { 1.0 } else { 0.0 }, 4.0),
                        ),
                        Fact::Mean { sum, .. } => (*sum, false, (f64::NEG_INFINITY, f64::INFINITY)),
                        Fact::Median { value, .. } => (
                            value.unwrap_or(0.0),
                            false,
                            (f64::NEG_INFINITY, f64::INFINITY),
                        ),
                        Fact::Text(_) | Fact::Plain(_) | Fact::Decimal(_) => continue,
                    };
                    at.insert((t, r, c), vars.len());
                    vars.push(Var {
                        place: (t, r, c),
                        value,
                        whole,
                        primary: f.too_small(s).map(|_| known),
                        share: matches!(f, Fact::Share(_)),
                    });
                }
            }
        }
        let (mut linear, mut at_most, mut needs) = (vec![], vec![], vec![]);
        let terms = |t: &[(f64, Place)]| -> Vec<(f64, usize)> {
            t.iter()
                .filter_map(|(k, p)| Some((*k, *at.get(p)?)))
                .collect()
        };
        for l in links {
            match l {
                // One figure alone is pinned by it (a total whose parts all round to nothing shown).
                Link::Linear(t) => {
                    let v = terms(t);
                    if !v.is_empty() {
                        linear.push(v);
                    }
                }
                Link::AtMost(t) => at_most.push(terms(t)),
                Link::Needs { at: a, on } => {
                    if let Some(&a) = at.get(a) {
                        let on: Vec<usize> = on.iter().filter_map(|p| at.get(p).copied()).collect();
                        if vars[a].share && !on.is_empty() {
                            let mut t = vec![(1.0, a)];
                            t.extend(on.iter().map(|&o| (-1.0, o)));
                            at_most.push(t);
                        }
                        needs.push((a, on));
                    }
                }
            }
        }
        let mut m = Model {
            fixed: vec![false; vars.len()],
            vars,
            linear,
            at_most,
            needs,
        };
        let all = vec![true; m.vars.len()];
        let b = m.bounds(&all, &vec![false; m.vars.len()]);
        m.fixed = (0..m.vars.len()).map(|i| m.disclosed(i, b[i])).collect();
        m
    }

    /// What a reader can say of each figure: its value if shown, else bounds narrowed along every
    /// link until they stop changing. `small`: shown as "<5" (or "fewer than 5 people"), which
    /// itself tells the reader it is from 1 to 4.
    fn bounds(&self, hidden: &[bool], small: &[bool]) -> Vec<(f64, f64)> {
        let mut b: Vec<(f64, f64)> = self
            .vars
            .iter()
            .zip(hidden)
            .zip(small)
            .map(|((v, &h), &small)| match (h, v.primary) {
                (false, _) => (v.value, v.value),
                (true, Some(k)) if small => k,
                (true, _) if v.whole => (0.0, f64::INFINITY),
                (true, _) => (f64::NEG_INFINITY, f64::INFINITY),
            })
            .collect();
        for _ in 0..64 {
            let mut changed = false;
            for terms in &self.linear {
                for &(k, h) in terms.iter().filter(|(_, i)| hidden[*i]) {
                    // k·x_h = −Σ others
                    let (mut lo, mut hi) = (0.0f64, 0.0f64);
                    for &(kj, j) in terms.iter().filter(|(_, j)| *j != h) {
                        let (a, z) = (kj * b[j].0, kj * b[j].1);
                        lo += a.min(z);
                        hi += a.max(z);
                    }
                    if lo.is_nan() || hi.is_nan() {
                        continue;
                    }
                    let (mut nlo, mut nhi) = if k > 0.0 {
                        (-hi / k, -lo / k)
                    } else {
                        (-lo / k, -hi / k)
                    };
                    if self.vars[h].whole {
                        nlo = (nlo - 1e-6).ceil();
                        nhi = (nhi + 1e-6).floor();
                    }
                    let cur = b[h];
                    let next = (cur.0.max(nlo), cur.1.min(nhi));
                    if next.0 > cur.0 + 1e-9 || next.1 < cur.1 - 1e-9 {
                        b[h] = next;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        b
    }

    /// The least and greatest `v` can be given every link at once (a linear program over the
    /// hidden figures, the shown ones as constants). `None` on a side that is unbounded or that the
    /// solver could not settle (counted as not pinned: a failure never passes for safety, as the
    /// interval bounds still stand and the test attacks the result).
    fn lp_range(&self, hidden: &[bool], b: &[(f64, f64)], v: usize) -> (Option<f64>, Option<f64>) {
        use microlp::{ComparisonOp, OptimizationDirection, Problem};
        // Only the hidden figures linked to `v` through other hidden ones matter: a shown figure
        // is a constant and ties nothing further. This keeps each program small.
        let links: Vec<(&Vec<(f64, usize)>, ComparisonOp)> = self
            .linear
            .iter()
            .map(|t| (t, ComparisonOp::Eq))
            .chain(self.at_most.iter().map(|t| (t, ComparisonOp::Le)))
            .collect();
        let mut part = vec![false; self.vars.len()];
        part[v] = true;
        let mut used = vec![false; links.len()];
        loop {
            let mut grew = false;
            for (l, (t, _)) in links.iter().enumerate() {
                if used[l] || !t.iter().any(|(_, i)| part[*i]) {
                    continue;
                }
                used[l] = true;
                for &(_, i) in t.iter() {
                    if hidden[i] && !part[i] {
                        part[i] = true;
                        grew = true;
                    }
                }
            }
            if !grew {
                break;
            }
        }
        let solve = |dir| {
            let mut p = Problem::new(dir);
            let mut ids = vec![None; self.vars.len()];
            for i in (0..self.vars.len()).filter(|&i| part[i]) {
                ids[i] = Some(p.add_var(if i == v { 1.0 } else { 0.0 }, b[i]));
            }
            for (l, (t, op)) in links.iter().enumerate().filter(|(l, _)| used[*l]) {
                let _ = l;
                let mut rhs = 0.0;
                let mut lhs = vec![];
                for &(k, j) in t.iter() {
                    match ids[j] {
                        Some(id) => lhs.push((id, k)),
                        None => rhs -= k * self.vars[j].value,
                    }
                }
                if !lhs.is_empty() {
                    p.add_constraint(&lhs, *op, rhs);
                }
            }
            p.solve().ok().map(|s| s.objective())
        };
        (
            solve(OptimizationDirection::Minimize),
            solve(OptimizationDirection::Maximize),
        )
    }

    fn disclosed(&self, i: usize, b: (f64, f64)) -> bool {
        if self.vars[i].whole {
            b.1 - b.0 < 0.5
        } else {
            b.1 - b.0 < 1e-9
        }
    }

    /// The visible figure to hide so that `h` is no longer pinned: in the link that pins it most
    /// tightly, the smallest non-zero figure (hiding a zero protects nothing by itself). When every
    /// figure linked to `h` is hidden already, `h` is pinned through a chain (say, cells each at
    /// least 1 adding up to a shown total two tables away): the nearest shown figure along the
    /// links is hidden instead.
    fn complement(
        &self,
        h: usize,
        hidden: &[bool],
        small: &[bool],
        b: &[(f64, f64)],
    ) -> Option<Action> {
        let links: Vec<&Vec<(f64, usize)>> = self.linear.iter().chain(&self.at_most).collect();
        let direct: Vec<usize> = (0..links.len())
            .filter(|&l| links[l].iter().any(|(_, i)| *i == h))
            .collect();
        let shown = |i: usize| !hidden[i] && !self.fixed[i];
        let smallest = |cands: &mut dyn Iterator<Item = usize>| {
            cands.min_by(|&a, &z| {
                let (a, z) = (self.vars[a].value.abs(), self.vars[z].value.abs());
                a.partial_cmp(&z).unwrap_or(std::cmp::Ordering::Equal)
            })
        };
        // 1. A non-zero shown figure in the link that pins it most tightly (the smallest there).
        let mut best: Option<(f64, usize)> = None;
        for &l in &direct {
            let terms = links[l];
            let (mut lo, mut hi) = (0.0f64, 0.0f64);
            let k = terms
                .iter()
                .find(|(_, i)| *i == h)
                .map(|t| t.0)
                .unwrap_or(1.0);
            for &(kj, j) in terms.iter().filter(|(_, j)| *j != h) {
                let (a, z) = (kj * b[j].0, kj * b[j].1);
                lo += a.min(z);
                hi += a.max(z);
            }
            let width = ((hi - lo) / k.abs()).abs();
            let width = if width.is_nan() { f64::INFINITY } else { width };
            let candidate = smallest(
                &mut terms
                    .iter()
                    .map(|&(_, j)| j)
                    .filter(|&j| shown(j) && self.vars[j].value != 0.0),
            );
            if let Some(c) = candidate {
                let v = self.vars[c].value.abs();
                if best.is_none_or(|(w, b)| width < w || width == w && v < self.vars[b].value.abs())
                {
                    best = Some((width, c));
                }
            }
        }
        if let Some((_, c)) = best {
            return Some(Action::Hide(c));
        }
        // 2. What pins it may be what "<5" says (from 1 to 4): say less of itself, then of one
        //    linked to it ("[c]" instead).
        if small[h] {
            return Some(Action::SayLess(h));
        }
        let near = |l: &[usize]| -> Vec<usize> {
            l.iter()
                .flat_map(|&l| links[l].iter().map(|(_, i)| *i))
                .collect()
        };
        if let Some(c) = near(&direct).into_iter().find(|&i| hidden[i] && small[i]) {
            return Some(Action::SayLess(c));
        }
        // 3. A shown zero beside it.
        if let Some(c) = near(&direct).into_iter().find(|&i| shown(i)) {
            return Some(Action::Hide(c));
        }
        // 4. Pinned through a chain (say, cells each at least 1 adding up to a shown total two
        //    tables away): outward along the links, a layer at a time, the same in that order.
        let mut reached = vec![false; self.vars.len()];
        for i in near(&direct) {
            reached[i] = true;
        }
        let mut used = vec![false; links.len()];
        for &l in &direct {
            used[l] = true;
        }
        loop {
            let layer: Vec<usize> = (0..links.len())
                .filter(|&l| !used[l] && links[l].iter().any(|(_, i)| reached[*i]))
                .collect();
            if layer.is_empty() {
                return None;
            }
            for &l in &layer {
                used[l] = true;
            }
            let vars = near(&layer);
            if let Some(c) = smallest(
                &mut vars
                    .iter()
                    .copied()
                    .filter(|&i| shown(i) && self.vars[i].value != 0.0),
            ) {
                return Some(Action::Hide(c));
            }
            if let Some(&c) = vars.iter().find(|&&i| hidden[i] && small[i]) {
                return Some(Action::SayLess(c));
            }
            if let Some(&c) = vars.iter().find(|&&i| shown(i)) {
                return Some(Action::Hide(c));
            }
            for i in vars {
                reached[i] = true;
            }
        }
    }
}

/// The drafts as tables: with `s` on, every figure too small to show is hidden, then every figure
/// that would give one away. `links` say how the figures tie together.
pub(crate) fn present(drafts: Vec<Draft>, links: &[Link], s: Suppression) -> Vec<Table> {
    let hidden = hide(&drafts, links, s);
    drafts
        .into_iter()
        .enumerate()
        .map(|(t, d)| d.shown(|r, c| hidden.get(&(t, r, c)).cloned()))
        .collect()
}

/// What is hidden, by place, and how it reads.
pub(crate) fn hide(drafts: &[Draft], links: &[Link], s: Suppression) -> HashMap<Place, Cell> {
    if s == Suppression::Off {
        return HashMap::new();
    }
    let m = Model::new(drafts, links, s);
    let mut hidden: Vec<bool> = m.vars.iter().map(|v| v.primary.is_some()).collect();
    let mut small = hidden.clone();
    // Shown safe by the linear program; hiding more only widens what is possible, so it stays so.
    let mut safe = vec![false; m.vars.len()];
    // Each round hides at least one more figure, so this ends.
    for _ in 0..=m.vars.len() {
        // A share or mean of a hidden denominator would give it away.
        loop {
            let mut more = false;
            for (a, on) in &m.needs {
                if !hidden[*a] && on.iter().any(|o| hidden[*o]) {
                    hidden[*a] = true;
                    more = true;
                }
            }
            if !more {
                break;
            }
        }
        let b = m.bounds(&hidden, &small);
        let mut pinned = (0..m.vars.len()).find(|&i| hidden[i] && m.disclosed(i, b[i]));
        if pinned.is_none() {
            for i in 0..m.vars.len() {
                if !hidden[i] || safe[i] {
                    continue;
                }
                match m.lp_range(&hidden, &b, i) {
                    (Some(lo), Some(hi)) if m.disclosed(i, (lo, hi)) => {
                        pinned = Some(i);
                        break;
                    }
                    _ => safe[i] = true,
                }
            }
        }
        let Some(h) = pinned else {
            break;
        };
        match m.complement(h, &hidden, &small, &b) {
            Some(Action::Hide(c)) => hidden[c] = true,
            Some(Action::SayLess(c)) => small[c] = false,
            // Nothing shown is linked to it at all: nothing more can be hidden for it.
            None => break,
        }
    }
    let mut out = HashMap::new();
    for (i, v) in m.vars.iter().enumerate().filter(|(i, _)| hidden[*i]) {
        let f = &drafts[v.place.0].rows[v.place.1][v.place.2];
        let cell = match f.too_small(s) {
            Some(c) if small[i] => c,
            _ => Cell::Withheld,
        };
        out.insert(v.place, cell);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::{col, Column};

    fn draft(name: &str, columns: &[&str], rows: Vec<Vec<Fact>>) -> Draft {
        Draft {
            name: name.into(),
            section: String::new(),
            title: String::new(),
            columns: columns
                .iter()
                .map(|c| col(c, c, ""))
                .collect::<Vec<Column>>(),
            rows,
            chart: None,
            empty: String::new(),
        }
    }

    /// The review's case: phone contacts, 30 took place, two cells "<5", total 32. Both hidden
    /// cells are 1 and the total gives them away; protection hides more until it does not.
    #[test]
    fn two_small_cells_in_a_row_with_its_total_are_protected() {
        let t = |s: &str| Fact::Text(s.into());
        let c = Fact::Count;
        let d = vec![draft(
            "contacts",
            &[
                "type",
                "took_place",
                "did_not_attend",
                "left_message",
                "total",
            ],
            vec![
                vec![t("phone"), c(30), c(1), c(1), c(32)],
                vec![t("home_visit"), c(12), c(0), c(6), c(18)],
            ],
        )];
        let ix = Index::new(&d);
        let links: Vec<Link> = [["phone"], ["home_visit"]]
            .iter()
            .filter_map(|k| {
                total_of(
                    ["took_place", "did_not_attend", "left_message"]
                        .iter()
                        .filter_map(|col| ix.find("contacts", k, col))
                        .collect(),
                    ix.find("contacts", k, "total"),
                )
            })
            .collect();
        let hidden = hide(&d, &links, Suppression::On);
        assert_eq!(hidden.get(&(0, 0, 2)), Some(&Cell::Suppressed));
        assert_eq!(hidden.get(&(0, 0, 3)), Some(&Cell::Suppressed));
        assert!(
            hidden.len() > 2,
            "30 + a + b = 32 with a, b from 1 to 4 gives a = b = 1: one more must go"
        );
        let m = Model::new(&d, &links, Suppression::On);
        let mask: Vec<bool> = m
            .vars
            .iter()
            .map(|v| hidden.contains_key(&v.place))
            .collect();
        let small: Vec<bool> = m
            .vars
            .iter()
            .map(|v| matches!(hidden.get(&v.place), Some(Cell::Suppressed)))
            .collect();
        let b = m.bounds(&mask, &small);
        for (i, v) in m.vars.iter().enumerate().filter(|(i, _)| mask[*i]) {
            assert!(
                !m.disclosed(i, b[i]),
                "{:?} still pinned at {:?}",
                v.place,
                b[i]
            );
        }
    }

    #[test]
    fn a_share_of_a_hidden_count_is_hidden_too() {
        let t = |s: &str| Fact::Text(s.into());
        let d = vec![draft(
            "activity",
            &["measure", "value"],
            vec![
                vec![t("took_place"), Fact::Count(40)],
                vec![t("did_not_attend"), Fact::Count(3)],
                vec![
                    t("did_not_attend_pct"),
                    Fact::Share(crate::figures::Share { num: 3, den: 43 }),
                ],
            ],
        )];
        let ix = Index::new(&d);
        let pct = ix.find("activity", &["did_not_attend_pct"], "value");
        let dna = ix.find("activity", &["did_not_attend"], "value");
        let links: Vec<Link> = [
            same(pct, dna),
            needs(pct, &[ix.find("activity", &["took_place"], "value"), dna]),
        ]
        .into_iter()
        .flatten()
        .collect();
        let hidden = hide(&d, &links, Suppression::On);
        assert_eq!(hidden.get(&pct.unwrap()), Some(&Cell::TooFew));
        assert_eq!(hidden.get(&dna.unwrap()), Some(&Cell::Suppressed));
        assert!(hide(&d, &links, Suppression::Off).is_empty());
    }
}
