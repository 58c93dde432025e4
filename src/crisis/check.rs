//! `frontdesk crisis check "TEXT"`: shows staff how the detector reads a wording (level,
//! category, the list entry that matched and its sentence) without a LINE account, a database
//! or a configuration.

use super::{CrisisDetector, Level};

/// The `crisis` subcommands of the `frontdesk` command.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum CrisisCommand {
    /// Print the level, category and matching list entry for a text, e.g.
    /// `frontdesk crisis check "今夜、首をつろうと思う"`.
    Check {
        /// The text to check (several arguments are joined with spaces).
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
}

impl CrisisCommand {
    /// Runs the subcommand and returns what to print.
    pub fn run(&self) -> String {
        match self {
            CrisisCommand::Check { text } => report(&CrisisDetector::new(), &text.join(" ")),
        }
    }
}

/// The printed report for one text.
pub fn report(detector: &CrisisDetector, text: &str) -> String {
    let Some(finding) = detector.find(text) else {
        return "level:    none (no crisis wording found)\n".to_owned();
    };
    let level = match finding.kind.level() {
        Level::Danger => "danger (safety message and emergency numbers at once)",
        Level::Concern => "concern (warm message, hotlines, \"are you safe right now?\")",
    };
    format!(
        "level:    {level}\ncategory: {}\nentry:    {}\nsentence: {}\n",
        finding.kind.code(),
        finding.entry,
        &text[finding.sentence.clone()]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_gives_level_category_entry_and_sentence() {
        let detector = CrisisDetector::new();
        assert_eq!(
            report(&detector, "仕事がない。今夜、首をつろうと思う"),
            "level:    danger (safety message and emergency numbers at once)\n\
             category: suicide\n\
             entry:    suicide 首/くび/クビ (を) 吊る/つる/くくる/括る (godan verb, wanting or meaning to): 首をつろう\n\
             sentence: 今夜、首をつろうと思う\n"
        );
        assert_eq!(
            report(&detector, "não vejo saída"),
            "level:    concern (warm message, hotlines, \"are you safe right now?\")\n\
             category: hopelessness\n\
             entry:    hopelessness não/nao/n vejo (nenhuma) saída/saida: não vejo saída\n\
             sentence: não vejo saída\n"
        );
        assert_eq!(report(&detector, "家賃が払えません"), "level:    none (no crisis wording found)\n");
    }

    #[test]
    fn the_command_joins_its_arguments() {
        let cmd = CrisisCommand::Check { text: vec!["tenho medo que".into(), "ele me mate".into()] };
        assert!(cmd.run().contains("category: violence\n"), "{}", cmd.run());
    }
}
