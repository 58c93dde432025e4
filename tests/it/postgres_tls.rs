//! PostgreSQL over TLS: the store asks the server for TLS, and with `sslmode=verify-full`
//! and a CA file it finishes the handshake only with a server whose certificate that CA
//! signed. A stand-in server speaks the start of the protocol (PostgreSQL documentation,
//! Frontend/Backend Protocol, "SSL Session Encryption"): it answers the SSLRequest, then
//! reads the startup message. `tls/` holds a test CA, a server certificate it signed for
//! `localhost`, and an unrelated CA (made once with openssl; test-only keys).

use std::{path::PathBuf, sync::Arc, time::Duration};

use frontdesk::store::Store;
use tokio::{
    io::{AsyncRead, AsyncReadExt, AsyncWriteExt},
    net::TcpListener,
};
use tokio_rustls::{
    rustls::{
        self,
        pki_types::{pem::PemObject, CertificateDer, PrivateKeyDer},
    },
    TlsAcceptor,
};

/// The 8 bytes of an SSLRequest: length 8, code 80877103.
const SSL_REQUEST: [u8; 8] = [0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f];

#[derive(Debug, PartialEq)]
enum Seen {
    /// The first message was not an SSLRequest: the client never asked for TLS.
    NoTlsRequest,
    /// TLS was refused ('N') and the client went on in plain text.
    PlainAfterRefusal,
    /// The handshake completed and the startup message came encrypted, for this user.
    StartupOverTls { user_postgres: bool },
    /// The client gave up: it did not trust the certificate, or TLS was refused.
    HandshakeFailed,
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/tls").join(name)
}

fn acceptor() -> TlsAcceptor {
    let certs: Vec<CertificateDer<'static>> =
        CertificateDer::pem_file_iter(fixture("server.pem")).unwrap().map(Result::unwrap).collect();
    let key = PrivateKeyDer::from_pem_file(fixture("server-key.pem")).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    TlsAcceptor::from(Arc::new(config))
}

/// One startup message: a length, then the body.
async fn read_message(s: &mut (impl AsyncRead + Unpin)) -> std::io::Result<Vec<u8>> {
    let len = s.read_u32().await? as usize;
    let mut body = vec![0; len.saturating_sub(4)];
    s.read_exact(&mut body).await?;
    Ok(body)
}

/// Accepts one connection, offering TLS or not, and says what the client did.
async fn stand_in(listener: TcpListener, tls: Option<TlsAcceptor>) -> Seen {
    let (mut socket, _) = listener.accept().await.unwrap();
    let mut first = [0u8; 8];
    socket.read_exact(&mut first).await.unwrap();
    if first != SSL_REQUEST {
        return Seen::NoTlsRequest;
    }
    let Some(tls) = tls else {
        socket.write_all(b"N").await.unwrap();
        return match read_message(&mut socket).await {
            Ok(_) => Seen::PlainAfterRefusal,
            Err(_) => Seen::HandshakeFailed,
        };
    };
    socket.write_all(b"S").await.unwrap();
    let Ok(mut stream) = tls.accept(socket).await else { return Seen::HandshakeFailed };
    match read_message(&mut stream).await {
        Ok(body) => Seen::StartupOverTls { user_postgres: body.windows(14).any(|w| w == b"user\0postgres\0") },
        Err(_) => Seen::HandshakeFailed,
    }
}

/// Starts the store against a stand-in server and returns what the server saw.
async fn connect_to_stand_in(query: &str, tls: Option<TlsAcceptor>) -> Seen {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = tokio::spawn(stand_in(listener, tls));
    let url = format!("postgres://postgres@localhost:{port}/frontdesk?{query}");
    // The store never gets a working database here; it is stopped once the server has seen
    // what it needed to.
    let client = tokio::spawn(async move { Store::connect(&url).await.map(|_| ()) });
    let seen = tokio::time::timeout(Duration::from_secs(20), server).await.expect("the client connected").unwrap();
    client.abort();
    seen
}

#[tokio::test]
async fn verify_full_with_the_ca_file_completes_the_handshake_and_sends_the_startup_encrypted() {
    let ca = fixture("ca.pem");
    let seen =
        connect_to_stand_in(&format!("sslmode=verify-full&sslrootcert={}", ca.display()), Some(acceptor())).await;
    assert_eq!(seen, Seen::StartupOverTls { user_postgres: true });
}

#[tokio::test]
async fn verify_full_refuses_a_server_certificate_from_another_ca() {
    let other = fixture("other-ca.pem");
    let seen =
        connect_to_stand_in(&format!("sslmode=verify-full&sslrootcert={}", other.display()), Some(acceptor())).await;
    assert_eq!(seen, Seen::HandshakeFailed);
}

#[tokio::test]
async fn prefer_asks_for_tls_before_anything_else_and_require_does_not_go_on_without_it() {
    assert_eq!(connect_to_stand_in("sslmode=prefer", None).await, Seen::PlainAfterRefusal);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = tokio::spawn(stand_in(listener, None));
    let refused = Store::connect(&format!("postgres://postgres@localhost:{port}/frontdesk?sslmode=require")).await;
    let Err(e) = refused else { panic!("require without TLS must fail") };
    let e = e.to_string();
    assert!(e.contains("TLS"), "{e}");
    assert_eq!(server.await.unwrap(), Seen::HandshakeFailed, "nothing was sent in plain text");
}
