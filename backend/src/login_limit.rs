//! Slows down password guessing: after too many failed logins for one account, or from one
//! address, within a window, further attempts are refused for a while, with a Vietnamese
//! message. In memory: a restart forgets, which is acceptable for a throttle.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

/// Failed attempts allowed per account within the window.
pub const PER_ACCOUNT: usize = 5;
/// Failed attempts allowed per address within the window (a commune office may share one).
pub const PER_ADDRESS: usize = 20;
/// The window, in milliseconds.
pub const WINDOW_MS: i64 = 15 * 60 * 1000;

#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, Vec<i64>>>,
}

impl LoginLimiter {
    fn keys(username: &str, address: IpAddr) -> [(String, usize); 2] {
        [
            (format!("user:{username}"), PER_ACCOUNT),
            (format!("addr:{address}"), PER_ADDRESS),
        ]
    }

    /// Minutes to wait before another attempt, if the account or address is throttled.
    pub fn blocked_for(&self, username: &str, address: IpAddr, now: i64) -> Option<i64> {
        let mut failures = self
            .failures
            .lock()
            .expect("limiter lock is never poisoned");
        Self::keys(username, address)
            .into_iter()
            .filter_map(|(key, limit)| {
                let times = failures.entry(key).or_default();
                times.retain(|t| now - t < WINDOW_MS);
                (times.len() >= limit)
                    .then(|| ((times[0] + WINDOW_MS - now + 59_999) / 60_000).max(1))
            })
            .max()
    }

    pub fn record_failure(&self, username: &str, address: IpAddr, now: i64) {
        let mut failures = self
            .failures
            .lock()
            .expect("limiter lock is never poisoned");
        for (key, _) in Self::keys(username, address) {
            failures.entry(key).or_default().push(now);
        }
    }

    /// A successful login clears the account's failures (not the address's).
    pub fn record_success(&self, username: &str) {
        let mut failures = self
            .failures
            .lock()
            .expect("limiter lock is never poisoned");
        failures.remove(&format!("user:{username}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_block_the_account_for_the_rest_of_the_window() {
        let limiter = LoginLimiter::default();
        let here: IpAddr = "10.0.0.1".parse().unwrap();
        for i in 0..PER_ACCOUNT as i64 {
            assert_eq!(limiter.blocked_for("a", here, i), None);
            limiter.record_failure("a", here, i);
        }
        assert_eq!(limiter.blocked_for("a", here, 10), Some(15));
        assert_eq!(
            limiter.blocked_for("b", here, 10),
            None,
            "another account from the same place"
        );
        assert_eq!(
            limiter.blocked_for("a", here, WINDOW_MS + 5),
            None,
            "the window passed"
        );
        limiter.record_success("a");
    }
}
