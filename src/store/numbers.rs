//! Case numbers: `YYMMDD-NNNN` (Japan's date, four random digits), each reserved by a row of
//! its own before any case is written with it, so no two cases ever share one.
//!
//! The digits are random rather than counted so a number read out on the phone says
//! nothing about how many people asked for help that day. When a day's four-digit numbers
//! are all taken (10,000 cases in one day), that day's numbers get a fifth digit, and so
//! on: never a number given twice, never a wait that cannot end.

use std::collections::HashSet;

use super::{db::run, Result, Store, StoreError};

/// Random draws per width before the free numbers are listed instead: a day holding a
/// few hundred cases almost never needs a second draw.
const RANDOM_DRAWS: usize = 8;

/// The widths tried, in order: 10⁴ to 10⁸ numbers a day.
const WIDTHS: std::ops::RangeInclusive<u32> = 4..=8;

const RESERVE: &str = "INSERT INTO case_numbers (number, reserved_at) VALUES ($1, $2) ON CONFLICT (number) DO NOTHING";

/// `YYMMDD` of `now` in Japan.
fn day_of(now: i64) -> String {
    let (y, m, d) = crate::jst::date(now);
    format!("{:02}{m:02}{d:02}", y % 100)
}

fn number(day: &str, n: u32, width: u32) -> String {
    format!("{day}-{n:0width$}", width = width as usize)
}

impl Store {
    /// Reserves a fresh case number for today (`now`, Japan's date), committed before it
    /// returns: a reservation is never undone, so a number is given out at most once.
    pub async fn reserve_case_number(&self, now: i64) -> Result<String> {
        self.reserve_case_number_drawn(now, &mut |space| fastrand::u32(0..space)).await
    }

    /// As `reserve_case_number`, with the random draw given (`draw(space)` is in
    /// `0..space`): tests force two residents onto one drawn number with it.
    pub async fn reserve_case_number_drawn(
        &self,
        now: i64,
        draw: &mut (dyn FnMut(u32) -> u32 + Send),
    ) -> Result<String> {
        let day = day_of(now);
        for width in WIDTHS {
            let space = 10u32.pow(width);
            for _ in 0..RANDOM_DRAWS {
                let candidate = number(&day, draw(space) % space, width);
                if self.try_reserve(&candidate, now).await? {
                    return Ok(candidate);
                }
            }
            // Crowded: choose among the numbers still free, until one is ours or none is left.
            loop {
                let taken = self.numbers_taken(&day, width).await?;
                let free: Vec<u32> = (0..space).filter(|n| !taken.contains(n)).collect();
                if free.is_empty() {
                    tracing::warn!(day = %day, digits = width + 1, "a day's case numbers are all taken: using one more digit");
                    break;
                }
                let candidate = number(&day, free[draw(free.len() as u32) as usize % free.len()], width);
                if self.try_reserve(&candidate, now).await? {
                    return Ok(candidate);
                }
            }
        }
        Err(StoreError::NoCaseNumber(day))
    }

    async fn try_reserve(&self, number: &str, now: i64) -> Result<bool> {
        let mut db = self.writer().await?;
        let n = run!(&mut db, |c| sqlx::query(RESERVE).bind(number).bind(now).execute(c).await?.rows_affected());
        Ok(n == 1)
    }

    /// The day's reserved numbers of one width, as integers.
    async fn numbers_taken(&self, day: &str, width: u32) -> Result<HashSet<u32>> {
        let mut db = self.writer().await?;
        let rows: Vec<String> = run!(&mut db, |c| {
            sqlx::query_scalar("SELECT number FROM case_numbers WHERE number LIKE $1")
                .bind(format!("{day}-%"))
                .fetch_all(c)
                .await?
        });
        let prefix = day.len() + 1;
        Ok(rows
            .iter()
            .filter(|n| n.len() == prefix + width as usize)
            .filter_map(|n| n[prefix..].parse().ok())
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_shape_and_grow_a_digit_only_when_asked() {
        // 2026-11-23T15:30:00Z is 2026-11-24 in Japan.
        let day = day_of(1_795_447_800_000);
        assert_eq!(day, "261124");
        assert_eq!(number(&day, 42, 4), "261124-0042");
        assert_eq!(number(&day, 42, 5), "261124-00042");
    }
}
