//! What may be logged or stored of an error: summaries that keep what a client or resident
//! sent out of logs.

/// A JSON error as it may be logged or stored: its kind and position. serde's message can
/// quote the offending value (`invalid type: string "…"`), which may be personal data.
pub fn json_error_summary(e: &serde_json::Error) -> String {
    let kind = match e.classify() {
        serde_json::error::Category::Io => "i/o",
        serde_json::error::Category::Syntax => "syntax",
        serde_json::error::Category::Data => "data",
        serde_json::error::Category::Eof => "unexpected end",
    };
    format!("{kind} error at line {} column {}", e.line(), e.column())
}
