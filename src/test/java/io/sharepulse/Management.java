package io.sharepulse;

import java.net.URI;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests to the management interface (health, metrics), which listens on a port of its own. */
public final class Management {

    private Management() {
    }

    /** The running test instance's management port. */
    public static int port() {
        return URI.create(TestHTTPResourceManager.getManagementUri()).getPort();
    }

    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }
}
