//! Measures the crisis detector on the labelled corpus in `tests/data/crisis/*.tsv` (one file
//! per language; columns: language, level, category, text, source note).
//!
//! The corpus is split by a fixed rule: data lines are counted from 1 in file order, odd lines
//! are the development half (the word lists are tuned on it) and even lines the evaluation half
//! (nobody tunes on it). The bar is held on the evaluation half only: recall at least 98% on
//! danger lines (found at the danger level), at least 90% on concern lines (found at any level),
//! and at most 5% false alarms on the hard negatives (`none` lines).
//!
//! Run `cargo test --test it crisis_corpus -- --nocapture` to see the report: both halves per
//! language and level, every miss and every false alarm of each half.

use std::path::Path;

use frontdesk::crisis::{CrisisDetector, CrisisKind, Level};

const MIN_LINES: usize = 250;
const MIN_DANGER_RECALL: f64 = 98.0;
const MIN_CONCERN_RECALL: f64 = 90.0;
const MAX_FALSE_ALARMS: f64 = 5.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Half {
    Development,
    Evaluation,
}

struct Line {
    number: usize,
    half: Half,
    /// `None` for a hard negative.
    kind: Option<CrisisKind>,
    text: String,
    /// The line comes from the corpus the old phrase lists were tuned on.
    old: bool,
}

fn load(file: &str) -> Vec<Line> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/crisis").join(file);
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let language = file.trim_end_matches(".tsv");
    let mut lines = Vec::new();
    for (i, raw) in source.lines().enumerate() {
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let at = format!("{file}:{}", i + 1);
        let cols: Vec<&str> = raw.split('\t').collect();
        assert_eq!(cols.len(), 5, "{at}: want 5 tab-separated columns");
        assert_eq!(cols[0], language, "{at}: language column");
        let kind = match cols[1] {
            "none" => None,
            level => {
                let kind = CrisisKind::from_code(cols[2]).unwrap_or_else(|| panic!("{at}: category {:?}", cols[2]));
                let want = if level == "danger" { Level::Danger } else { Level::Concern };
                assert!(matches!(level, "danger" | "concern"), "{at}: level {level:?}");
                assert_eq!(kind.level(), want, "{at}: {:?} is not at level {level}", cols[2]);
                Some(kind)
            }
        };
        let half = if lines.len() % 2 == 0 { Half::Development } else { Half::Evaluation };
        let old = cols[4].starts_with("old corpus");
        lines.push(Line { number: i + 1, half, kind, text: cols[3].to_owned(), old });
    }
    lines
}

/// Hits and totals for one group of lines.
#[derive(Default, Clone, Copy)]
struct Tally {
    hit: usize,
    total: usize,
}

impl Tally {
    fn add(&mut self, hit: bool) {
        self.total += 1;
        self.hit += usize::from(hit);
    }

    fn percent(self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            100.0 * self.hit as f64 / self.total as f64
        }
    }

    fn show(self) -> String {
        format!("{:>5.1}% ({}/{})", self.percent(), self.hit, self.total)
    }
}

#[derive(Default)]
struct Figures {
    danger: Tally,
    concern: Tally,
    false_alarms: Tally,
    kind_right: Tally,
}

impl Figures {
    /// Counts one line; returns what to report about it, if anything went wrong.
    fn count(&mut self, line: &Line, found: Option<CrisisKind>) -> Option<String> {
        match line.kind {
            Some(want) if want.level() == Level::Danger => {
                let caught = found.is_some_and(|k| k.level() == Level::Danger);
                self.danger.add(caught);
                if let Some(got) = found {
                    self.kind_right.add(got == want);
                }
                (!caught).then(|| format!("MISS   {want:?} (got {found:?})"))
            }
            Some(want) => {
                self.concern.add(found.is_some());
                if let Some(got) = found {
                    self.kind_right.add(got == want);
                }
                found.is_none().then(|| format!("MISS   {want:?}"))
            }
            None => {
                self.false_alarms.add(found.is_some());
                found.map(|got| format!("ALARM  {got:?}"))
            }
        }
    }

    fn show(&self, name: &str) -> String {
        format!(
            "{name:<26} danger recall {}  concern recall {}  false alarms {}  kind right {}",
            self.danger.show(),
            self.concern.show(),
            self.false_alarms.show(),
            self.kind_right.show()
        )
    }
}

/// Runs the detector over one language's corpus, prints the report and holds the bar.
fn check(file: &str) {
    let detector = CrisisDetector::new();
    let lines = load(file);
    let negatives = lines.iter().filter(|l| l.kind.is_none()).count();
    assert!(lines.len() >= MIN_LINES, "{file}: {} lines, want at least {MIN_LINES}", lines.len());
    assert!(negatives * 3 >= lines.len(), "{file}: fewer than a third of the lines are hard negatives");

    let (mut dev, mut eval, mut eval_new) = (Figures::default(), Figures::default(), Figures::default());
    let mut report = Vec::new();
    for line in &lines {
        let found = detector.detect(&line.text);
        let what = if line.half == Half::Development {
            dev.count(line, found)
        } else {
            if !line.old {
                eval_new.count(line, found);
            }
            eval.count(line, found)
        };
        let half = if line.half == Half::Development { "dev " } else { "eval" };
        if let Some(what) = what {
            report.push(format!("  {half} {what:<32} {file}:{}: {}", line.number, line.text));
        }
    }
    println!("{}", dev.show(&format!("{file} development")));
    println!("{}", eval.show(&format!("{file} evaluation")));
    println!("{}", eval_new.show(&format!("{file} evaluation, new only")));
    for r in &report {
        println!("{r}");
    }
    let (danger, concern, alarms) = (eval.danger.percent(), eval.concern.percent(), eval.false_alarms.percent());
    assert!(danger >= MIN_DANGER_RECALL, "{file}: danger recall {danger:.1}% < {MIN_DANGER_RECALL}%");
    assert!(concern >= MIN_CONCERN_RECALL, "{file}: concern recall {concern:.1}% < {MIN_CONCERN_RECALL}%");
    assert!(alarms <= MAX_FALSE_ALARMS, "{file}: false alarms {alarms:.1}% > {MAX_FALSE_ALARMS}%");
}

#[test]
fn japanese_evaluation_half_is_caught_with_few_false_alarms() {
    check("ja.tsv");
}

#[test]
fn plain_japanese_evaluation_half_is_caught_with_few_false_alarms() {
    check("ja-simple.tsv");
}

#[test]
fn brazilian_portuguese_evaluation_half_is_caught_with_few_false_alarms() {
    check("pt-BR.tsv");
}

#[test]
fn vietnamese_evaluation_half_is_caught_with_few_false_alarms() {
    check("vi.tsv");
}

#[test]
fn english_evaluation_half_is_caught_with_few_false_alarms() {
    check("en.tsv");
}

#[test]
fn every_corpus_file_in_the_folder_is_checked() {
    // A new language's corpus must get its own test above.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/crisis");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tsv"))
        .collect();
    files.sort();
    assert_eq!(files, ["en.tsv", "ja-simple.tsv", "ja.tsv", "pt-BR.tsv", "vi.tsv"]);
}
