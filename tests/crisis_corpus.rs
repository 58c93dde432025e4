//! Measures the crisis detector on a labelled corpus per language (`tests/crisis_corpus/*.tsv`):
//! real risk phrases and look-alikes that are not. Each test prints a report (recall, false
//! alarms, every miss and every false alarm) and holds the bar the city set: recall 100%, false
//! alarms at most 5%, and the detected kind right for at least 90% of the risk lines.
//!
//! Run `cargo test --test crisis_corpus -- --nocapture` to see the reports of passing runs.

use std::path::Path;

use frontdesk::crisis::{CrisisDetector, CrisisKind};

const MIN_RISK_LINES: usize = 40;
const MIN_OK_LINES: usize = 40;
const MAX_FALSE_ALARM_PERCENT: f64 = 5.0;
const MIN_KIND_PERCENT: f64 = 90.0;

struct Line {
    number: usize,
    /// `None` for `ok` lines.
    label: Option<CrisisKind>,
    text: String,
}

fn load(file: &str) -> Vec<Line> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/crisis_corpus").join(file);
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let mut lines = Vec::new();
    for (i, raw) in source.lines().enumerate() {
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let (label, text) = raw.split_once('\t').unwrap_or_else(|| panic!("{file}:{}: no tab", i + 1));
        let label = match label {
            "ok" => None,
            _ => {
                let kind = label.strip_prefix("risk:").unwrap_or_else(|| panic!("{file}:{}: label {label:?}", i + 1));
                let kind: CrisisKind = serde_json::from_value(serde_json::Value::String(kind.into()))
                    .unwrap_or_else(|e| panic!("{file}:{}: kind {kind:?}: {e}", i + 1));
                Some(kind)
            }
        };
        lines.push(Line { number: i + 1, label, text: text.to_owned() });
    }
    lines
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// Runs the detector over one corpus file, prints the report and checks the bar.
fn check(file: &str) {
    let detector = CrisisDetector::new();
    let lines = load(file);
    let (mut risk, mut caught, mut kind_right, mut ok, mut alarms) = (0, 0, 0, 0, 0);
    let mut report = Vec::new();
    for line in &lines {
        let found = detector.detect(&line.text);
        match (line.label, found) {
            (Some(want), Some(got)) => {
                risk += 1;
                caught += 1;
                if want == got {
                    kind_right += 1;
                } else {
                    report.push(format!("  kind   {file}:{} want {want:?}, got {got:?}: {}", line.number, line.text));
                }
            }
            (Some(want), None) => {
                risk += 1;
                report.push(format!("  MISS   {file}:{} ({want:?}): {}", line.number, line.text));
            }
            (None, Some(got)) => {
                ok += 1;
                alarms += 1;
                report.push(format!("  ALARM  {file}:{} ({got:?}): {}", line.number, line.text));
            }
            (None, None) => ok += 1,
        }
    }
    let recall = percent(caught, risk);
    let false_alarms = percent(alarms, ok);
    let kinds = percent(kind_right, caught);
    println!(
        "{file:<14} risk lines {risk:>3}  recall {recall:>5.1}%  kind right {kinds:>5.1}%  \
         ok lines {ok:>3}  false alarms {alarms} ({false_alarms:.1}%)"
    );
    for r in &report {
        println!("{r}");
    }
    assert!(risk >= MIN_RISK_LINES, "{file}: only {risk} risk lines, want at least {MIN_RISK_LINES}");
    assert!(ok >= MIN_OK_LINES, "{file}: only {ok} ok lines, want at least {MIN_OK_LINES}");
    assert_eq!(caught, risk, "{file}: recall {recall:.1}%, every risk line must be caught (misses above)");
    assert!(
        false_alarms <= MAX_FALSE_ALARM_PERCENT,
        "{file}: false alarms {false_alarms:.1}% > {MAX_FALSE_ALARM_PERCENT}% (listed above)"
    );
    assert!(kinds >= MIN_KIND_PERCENT, "{file}: kind right for {kinds:.1}% < {MIN_KIND_PERCENT}% (listed above)");
}

#[test]
fn japanese_corpus_is_fully_caught_with_few_false_alarms() {
    check("ja.tsv");
}

#[test]
fn plain_japanese_corpus_is_fully_caught_with_few_false_alarms() {
    check("ja-simple.tsv");
}

#[test]
fn brazilian_portuguese_corpus_is_fully_caught_with_few_false_alarms() {
    check("pt-BR.tsv");
}

#[test]
fn vietnamese_corpus_is_fully_caught_with_few_false_alarms() {
    check("vi.tsv");
}

#[test]
fn every_corpus_file_in_the_folder_is_checked() {
    // A new language's corpus must get its own test above.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/crisis_corpus");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tsv"))
        .collect();
    files.sort();
    assert_eq!(files, ["ja-simple.tsv", "ja.tsv", "pt-BR.tsv", "vi.tsv"]);
}
