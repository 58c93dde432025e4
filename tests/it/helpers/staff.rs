//! Staff sessions through HTTP, as a browser would hold them: the login form, the session
//! cookie, and the CSRF token on every write.

/// A browser of sorts: keeps the session cookie, reads the CSRF token, never follows
/// redirects (tests look at them).
pub struct StaffBrowser {
    pub base: String,
    pub http: reqwest::Client,
    pub cookie: Option<String>,
    pub csrf: Option<String>,
    /// Sent as `X-Forwarded-For` with a login, as a reverse proxy would.
    pub forwarded_for: Option<String>,
}

/// The value of `name="csrf"` in a page.
pub fn csrf_in(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    Some(html[at..].split('"').next()?.to_owned())
}

/// `name=value` of a `Set-Cookie` header of a response, if it sets `name`.
pub fn set_cookie(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").to_owned())
        .find(|kv| kv.starts_with(&format!("{name}=")))
}

impl StaffBrowser {
    pub fn new(base: &str) -> Self {
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        StaffBrowser { base: base.to_owned(), http, cookie: None, csrf: None, forwarded_for: None }
    }

    /// Logs in through the real login form; returns the login's response status.
    pub async fn try_login(&mut self, name: &str, password: &str) -> reqwest::StatusCode {
        self.try_login_response(name, password).await.status()
    }

    /// The login form, filled in and posted (ready to send), as a browser would.
    pub async fn login_request(&self, name: &str, password: &str) -> reqwest::RequestBuilder {
        let page = self.http.get(format!("{}/staff/login", self.base)).send().await.unwrap();
        // Behind an https public_url the cookies carry the __Secure- and __Host- prefixes.
        let login_cookie = set_cookie(&page, "fd_login")
            .or_else(|| set_cookie(&page, "__Secure-fd_login"))
            .expect("the login page sets its CSRF cookie");
        let token = csrf_in(&page.text().await.unwrap()).expect("the login form has a CSRF token");
        let mut req = self.http.post(format!("{}/staff/login", self.base)).header("cookie", login_cookie).form(&[
            ("name", name),
            ("password", password),
            ("csrf", &token),
            ("next", "/staff"),
        ]);
        if let Some(addr) = &self.forwarded_for {
            req = req.header("x-forwarded-for", addr);
        }
        req
    }

    /// Logs in; returns the login's response (the session is kept when it succeeds).
    pub async fn try_login_response(&mut self, name: &str, password: &str) -> reqwest::Response {
        let res = self.login_request(name, password).await.send().await.unwrap();
        let session = set_cookie(&res, "fd_session").or_else(|| set_cookie(&res, "__Host-fd_session"));
        if let Some(c) = session.filter(|c| !c.ends_with('=')) {
            self.cookie = Some(c);
            let queue = self.get("/staff").await;
            self.csrf = csrf_in(&queue.text().await.unwrap());
        }
        res
    }

    /// Logs in at `base` (the service's URL); the login must succeed.
    pub async fn login(base: &str, name: &str, password: &str) -> Self {
        let mut b = StaffBrowser::new(base);
        assert_eq!(b.try_login(name, password).await, reqwest::StatusCode::SEE_OTHER, "login of {name}");
        assert!(b.cookie.is_some() && b.csrf.is_some());
        b
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        let mut r = self.http.get(format!("{}{path}", self.base));
        if let Some(c) = &self.cookie {
            r = r.header("cookie", c);
        }
        r.send().await.unwrap()
    }

    pub async fn page(&self, path: &str) -> String {
        let res = self.get(path).await;
        assert_eq!(res.status(), 200, "GET {path}");
        res.text().await.unwrap()
    }

    /// Posts a form with the session's CSRF token added.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        let csrf = self.csrf.clone().unwrap_or_default();
        form.push(("csrf", &csrf));
        self.post_raw(path, &form).await
    }

    /// Posts a form with the session's CSRF token as the page's script does, asking for JSON.
    pub async fn post_for_json(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        let csrf = self.csrf.clone().unwrap_or_default();
        form.push(("csrf", &csrf));
        let mut r = self.http.post(format!("{}{path}", self.base)).form(&form).header("accept", "application/json");
        if let Some(c) = &self.cookie {
            r = r.header("cookie", c);
        }
        r.send().await.unwrap()
    }

    /// Posts exactly these fields.
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut r = self.http.post(format!("{}{path}", self.base)).form(fields);
        if let Some(c) = &self.cookie {
            r = r.header("cookie", c);
        }
        r.send().await.unwrap()
    }

    /// Posts a form that must succeed (a redirect back).
    pub async fn act(&self, path: &str, fields: &[(&str, &str)]) {
        let res = self.post(path, fields).await;
        let status = res.status();
        assert_eq!(status, 303, "POST {path}: {}", res.text().await.unwrap());
    }
}

impl StaffBrowser {
    /// A write through the JSON API with this session and its CSRF token.
    pub async fn api_post(&self, path: &str) -> reqwest::Response {
        self.api_post_with(path, self.csrf.as_deref()).await
    }

    /// A write through the JSON API with this session and `csrf` (if any) as `X-CSRF-Token`.
    pub async fn api_post_with(&self, path: &str, csrf: Option<&str>) -> reqwest::Response {
        let mut r = self.http.post(format!("{}{path}", self.base)).header("cookie", self.cookie.clone().unwrap());
        if let Some(token) = csrf {
            r = r.header("x-csrf-token", token);
        }
        r.send().await.unwrap()
    }
}
