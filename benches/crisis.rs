//! Cost of the crisis detector: building it once, and `find` on a 200-character message in
//! each language (the detector runs on every text message a resident sends).
//!
//! `cargo bench --bench crisis` prints the median of several rounds per case.

use std::hint::black_box;
use std::time::{Duration, Instant};

use frontdesk::crisis::CrisisDetector;

/// Repeats `sentence` (and a tail that holds no crisis wording) up to exactly 200 characters.
fn message(sentence: &str) -> String {
    sentence.chars().cycle().take(200).collect()
}

/// Median time per call over `rounds` rounds of `calls` calls.
fn measure(rounds: usize, calls: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..calls {
                f();
            }
            start.elapsed() / calls as u32
        })
        .collect();
    times.sort();
    times[rounds / 2]
}

fn main() {
    let build = measure(5, 1, || {
        black_box(CrisisDetector::new());
    });
    println!("build the detector              {:>10.2?}", build);
    let detector = CrisisDetector::new();
    let cases = [
        ("ja, nothing found", "家賃の支払いが遅れていて、来月の生活費も足りません。市役所で相談できますか。子どもの学校の手続きもあります。"),
        ("ja, found at the end", "仕事が見つからず家賃も払えません。もう何も考えられない。今夜、首をつろうと思う。"),
        ("ja-simple, nothing found", "わたしは ことし にほんに きました。しごとを さがして います。にほんごが すこし わかります。"),
        ("pt-BR, nothing found", "Oi, bom dia. Perdi meu emprego na fábrica e não consigo pagar o aluguel deste mês, preciso de ajuda com os documentos. "),
        ("pt-BR, found", "Oi. Meu marido bebe muito e grita comigo todo dia, hoje eu tenho medo que ele me mate quando voltar pra casa. "),
        ("vi, nothing found", "Chào anh chị, tôi mới mất việc ở công ty và không có tiền trả tiền nhà tháng này, xin hỏi thủ tục trợ cấp. "),
        ("vi, no diacritics, found", "chao anh chi, toi met moi qua, khong con loi thoat, toi khong muon song nua, chong toi danh toi moi ngay. "),
    ];
    for (name, sentence) in cases {
        let text = message(sentence);
        assert_eq!(text.chars().count(), 200);
        let per_call = measure(15, 200, || {
            black_box(detector.find(black_box(&text)));
        });
        println!("{name:<31} {per_call:>10.2?} per 200-character message");
    }
}
