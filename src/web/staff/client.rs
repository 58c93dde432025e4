//! The client's address for login limits and the failed-login audit: the socket's peer,
//! or, only when that peer is a configured trusted proxy, the address the proxy wrote in
//! its header.

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;

use crate::config::Network;

/// Which proxy header to believe, and from whom.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxy {
    /// e.g. `X-Forwarded-For`, `X-Real-IP` or `Forwarded`; `None`: no proxy is trusted.
    pub header: Option<String>,
    pub proxies: Vec<Network>,
}

impl TrustedProxy {
    /// The client's address. The header is read right to left (each proxy appends the
    /// address it received from), skipping the trusted proxies' own; the first other
    /// address is the client, as MDN's X-Forwarded-For page advises. Anything else a
    /// client could have written itself is never believed: without a configured header, or
    /// when the peer is not a trusted proxy, or when the entry does not parse, the peer's
    /// own address is used.
    pub fn client(&self, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
        let peer_ip = canonical(peer.ip());
        let Some(name) = self.header.as_deref() else { return peer_ip };
        if !self.trusts(peer_ip) {
            return peer_ip;
        }
        let entries: Vec<&str> = headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .collect();
        for entry in entries.iter().rev() {
            match parse_entry(entry) {
                Some(ip) if self.trusts(ip) => continue,
                Some(ip) => return ip,
                None => return peer_ip,
            }
        }
        peer_ip
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.proxies.iter().any(|p| p.contains(ip))
    }
}

/// An IPv4 address seen through an IPv6 socket is the same client.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// One address in `X-Forwarded-For` (`203.0.113.5`, `2001:db8::1`, `[2001:db8::1]:443`,
/// `203.0.113.5:5000`) or one element of RFC 7239 `Forwarded` (`for=203.0.113.5;proto=https`,
/// `for="[2001:db8::1]:443"`).
fn parse_entry(entry: &str) -> Option<IpAddr> {
    let value = if entry.contains('=') {
        entry.split(';').map(str::trim).find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim().eq_ignore_ascii_case("for").then_some(v.trim())
        })?
    } else {
        entry
    };
    let value = value.trim_matches('"');
    if let Ok(ip) = value.parse::<IpAddr>() {
        return Some(canonical(ip));
    }
    if let Ok(sock) = value.parse::<SocketAddr>() {
        return Some(canonical(sock.ip()));
    }
    value.strip_prefix('[').and_then(|v| v.strip_suffix(']')).and_then(|v| v.parse().ok()).map(canonical)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(name: &str, values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(axum::http::HeaderName::from_bytes(name.as_bytes()).unwrap(), v.parse().unwrap());
        }
        h
    }

    fn proxy(header: &str) -> TrustedProxy {
        TrustedProxy { header: Some(header.into()), proxies: vec!["10.0.0.2".parse().unwrap()] }
    }

    #[test]
    fn trusted_proxies_may_be_given_as_networks() {
        let p = TrustedProxy {
            header: Some("X-Forwarded-For".into()),
            proxies: vec!["10.1.0.0/16".parse().unwrap(), "2001:db8:1::/48".parse().unwrap()],
        };
        let h = headers("x-forwarded-for", &["203.0.113.5, 10.1.7.7"]);
        assert_eq!(p.client("10.1.200.3:1".parse().unwrap(), &h), ip("203.0.113.5"), "both hops are ours");
        assert_eq!(p.client("[2001:db8:1:ff::1]:1".parse().unwrap(), &h), ip("203.0.113.5"));
        assert_eq!(p.client("10.2.0.1:1".parse().unwrap(), &h), ip("10.2.0.1"), "outside the network");
        assert_eq!(p.client("[2001:db8:2::1]:1".parse().unwrap(), &h), ip("2001:db8:2::1"));
        let all: Network = "0.0.0.0/0".parse().unwrap();
        assert!(all.contains(ip("198.51.100.1")) && !all.contains(ip("::1")));
    }

    const PROXY: &str = "10.0.0.2:40000";
    const ELSEWHERE: &str = "198.51.100.7:40000";

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn a_proxy_header_is_believed_only_from_a_configured_proxy() {
        let h = headers("x-forwarded-for", &["203.0.113.5"]);
        assert_eq!(proxy("X-Forwarded-For").client(PROXY.parse().unwrap(), &h), ip("203.0.113.5"));
        // The same header sent straight to the service is the client's own word.
        assert_eq!(proxy("X-Forwarded-For").client(ELSEWHERE.parse().unwrap(), &h), ip("198.51.100.7"));
        // No header configured: always the socket.
        assert_eq!(TrustedProxy::default().client(PROXY.parse().unwrap(), &h), ip("10.0.0.2"));
    }

    #[test]
    fn the_client_is_the_rightmost_address_that_is_not_a_trusted_proxy() {
        let p = proxy("X-Forwarded-For");
        let peer = PROXY.parse().unwrap();
        // A client that sends its own X-Forwarded-For cannot choose its address: the
        // proxy appends what it saw.
        let h = headers("x-forwarded-for", &["1.2.3.4, 203.0.113.5"]);
        assert_eq!(p.client(peer, &h), ip("203.0.113.5"));
        let h = headers("x-forwarded-for", &["1.2.3.4", "203.0.113.5, 10.0.0.2"]);
        assert_eq!(p.client(peer, &h), ip("203.0.113.5"));
        let h = headers("x-forwarded-for", &["1.2.3.4, not-an-address"]);
        assert_eq!(p.client(peer, &h), ip("10.0.0.2"), "garbage is not believed");
        assert_eq!(p.client(peer, &HeaderMap::new()), ip("10.0.0.2"));
        let h = headers("x-forwarded-for", &["[2001:db8::7]:443"]);
        assert_eq!(p.client(peer, &h), ip("2001:db8::7"));
    }

    #[test]
    fn the_forwarded_header_of_rfc_7239_is_read_too() {
        let p = proxy("Forwarded");
        let h = headers("forwarded", &["for=1.2.3.4, for=\"[2001:db8::9]:1234\";proto=https"]);
        assert_eq!(p.client(PROXY.parse().unwrap(), &h), ip("2001:db8::9"));
        let peer: SocketAddr = "[::ffff:10.0.0.2]:40000".parse().unwrap();
        let h = headers("forwarded", &["proto=https;for=203.0.113.5"]);
        assert_eq!(p.client(peer, &h), ip("203.0.113.5"), "an IPv4 proxy seen on an IPv6 socket is trusted");
    }
}
