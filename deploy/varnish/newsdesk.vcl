# Varnish in front of newsdesk: keeps what the application marks public (s-maxage), never
# what belongs to one person, and takes the purges the application sends (Wagtail's
# HTTP frontend cache backend: PURGE http://varnish/<path>).
vcl 4.1;

backend newsdesk {
    .host = "127.0.0.1";
    .port = "8000";
    .probe = {
        .url = "/healthz";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

# Who may purge: the application servers. Add their addresses when they run elsewhere.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Something every page shows changed (a breaking-news banner): drop them all.
        if (req.url == "/.newsdesk/purge-everything") {
            ban("obj.http.x-newsdesk-path ~ ^/");
            return (synth(200, "Purged everything"));
        }
        # One purge drops every copy of a path, whatever its query string (listing pages,
        # search results), as the application's own page cache does.
        ban("obj.http.x-newsdesk-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Trackers added to shared links (the list in newsdesk/core/pagecache.py) never change
    # a page: one copy serves the link with them and without.
    if (req.url ~ "[?&](utm_|mtm_|pk_|_hs|fbclid|gclid|gbraid|wbraid|dclid|msclkid|yclid|twclid|ttclid|igshid|li_fat_id|mc_cid|mc_eid|mkt_tok|_ga|_gl|ref_src)") {
        set req.url = regsuball(req.url, "(?<=[?&])(utm_[^&=]*|mtm_[^&=]*|pk_[^&=]*|_hs[^&=]*|fbclid|gclid|gbraid|wbraid|dclid|msclkid|yclid|twclid|ttclid|igshid|li_fat_id|mc_cid|mc_eid|mkt_tok|_ga|_gl|ref_src)(=[^&]*)?(&|$)", "");
        set req.url = regsub(req.url, "[?&]$", "");
    }
    # Editors' pages, comment forms and private documents are never shared.
    if (req.url ~ "^/(admin|comments|documents)/") {
        return (pass);
    }
    # A logged-in editor, or a reader with a message waiting, gets pages of their own.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Anything else a reader's browser sends (the CSRF cookie, analytics) changes nothing
    # on a public page.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_fetch {
    # Pages are kept as the application's plain bytes: a client that asks for none is
    # served them without Varnish unzipping each time, and nginx in front compresses for
    # browsers (deploy/nginx). newsdesk compresses only when asked (core/compression.py).
    unset bereq.http.Accept-Encoding;
}

sub vcl_backend_response {
    # Remembered with each copy so a purge can find every copy of the path.
    set beresp.http.x-newsdesk-path = regsub(bereq.url, "\?.*$", "");
    # Varnish takes s-maxage as the time to keep a copy and stale-while-revalidate as its
    # grace; a response that says private, no-cache or no-store, or sets a cookie, is not
    # kept (Varnish's built-in rules).
    if (beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        return (deliver);
    }
}

sub vcl_deliver {
    unset resp.http.x-newsdesk-path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
