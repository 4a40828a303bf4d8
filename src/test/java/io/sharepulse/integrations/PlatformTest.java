package io.sharepulse.integrations;

import java.net.URL;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResource;

/** What the blog-platform tests share: the test blog's bar and post, the host its pages come from, our address. */
abstract class PlatformTest {

    /**
     * Test pages are served from 127.0.0.1 (OtherOrigin): the site owns that host as well as the pages' URLs', as a
     * real blog's pages are on its own domain, so the browser's requests come from one of the site's pages.
     */
    static final Map<String, Object> OWN_PAGES = Map.of("domains", List.of("blog.example", "127.0.0.1"));

    static final List<String> NETWORKS = List.of("reddit", "bluesky", "email");
    static final String POST = "https://blog.example/posts/hello/";

    @TestHTTPResource("/")
    URL base;

    /** This service, as the platform and the browser reach it. */
    String api() {
        return base.toString().replaceAll("/$", "");
    }
}
