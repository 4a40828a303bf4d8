package io.sharepulse.platform;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Refuses to start in production with a secret anybody can guess: the operator token, the PostgreSQL password or
 * the Redis password shorter than {@value #MIN_LENGTH} characters, or one of the placeholders our examples and
 * docs show ({@code change-me-…}, the dev and test tokens). A secret that is absent is not checked: no token turns
 * the admin API off, and a store may trust its network instead. Dev mode and tests keep their short tokens.
 *
 * <p>The refusal is a {@link ConfigurationException}, which Quarkus reports as its message alone, without a stack
 * trace: one line per setting that needs a new value, naming it.
 */
@Singleton
public class SecretsCheck {

    static final int MIN_LENGTH = 32;
    /** Values our own files and docs show; any secret containing "change-me" counts as one too. */
    static final Set<String> PLACEHOLDERS = Set.of("dev-admin-token", "test-admin-token", "changeme", "password",
            "secret", "sharepulse", "postgres", "redis", "admin");

    /** One secret and where it comes from. */
    record Secret(String setting, Optional<String> value) {
    }

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start, SharepulseConfig config,
            Config all) {
        verify(LaunchMode.current(), secrets(config, all));
    }

    static List<Secret> secrets(SharepulseConfig config, Config all) {
        List<Secret> secrets = new ArrayList<>();
        secrets.add(new Secret("SHAREPULSE_ADMIN_TOKEN (sharepulse.admin.token)", config.admin().token()));
        secrets.add(new Secret("QUARKUS_DATASOURCE_PASSWORD (quarkus.datasource.password)",
                all.getOptionalValue("quarkus.datasource.password", String.class)));
        secrets.add(new Secret("QUARKUS_REDIS_PASSWORD (quarkus.redis.password)",
                all.getOptionalValue("quarkus.redis.password", String.class)));
        all.getOptionalValues("quarkus.redis.hosts", String.class).orElse(List.of()).forEach(host -> secrets.add(
                new Secret("QUARKUS_REDIS_HOSTS (the password in " + redacted(host) + ")", passwordOf(host))));
        return secrets;
    }

    /** Fails start-up in production (the prod profile) when a secret is guessable; other modes pass. */
    static void verify(LaunchMode mode, List<Secret> secrets) {
        if (mode != LaunchMode.NORMAL) {
            return;
        }
        List<String> problems = problems(secrets);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Sharepulse will not start with guessable secrets:\n  - "
                    + String.join("\n  - ", problems)
                    + "\nSet each to a long random value (openssl rand -base64 32); docs/OPERATIONS.md, \"Secrets\".");
        }
    }

    /** What is wrong with each secret that is set, one line each naming its setting; empty when all is well. */
    static List<String> problems(List<Secret> secrets) {
        List<String> out = new ArrayList<>();
        for (Secret s : secrets) {
            if (s.value().isEmpty() || s.value().get().isEmpty()) {
                continue;
            }
            String value = s.value().get();
            if (isPlaceholder(value)) {
                out.add(s.setting() + " is a documented placeholder");
            } else if (value.length() < MIN_LENGTH) {
                out.add(s.setting() + " is shorter than " + MIN_LENGTH + " characters");
            }
        }
        return out;
    }

    /** Whether a secret is one of the values our files and docs show. */
    public static boolean isPlaceholder(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.contains("change-me") || v.contains("changeme") || PLACEHOLDERS.contains(v);
    }

    /** The password of a {@code redis://[user]:password@host} URL, if it has one. */
    static Optional<String> passwordOf(String hostUrl) {
        try {
            String userInfo = URI.create(hostUrl.strip()).getRawUserInfo();
            if (userInfo == null) {
                return Optional.empty();
            }
            int colon = userInfo.indexOf(':');
            return Optional.of(java.net.URLDecoder.decode(colon < 0 ? userInfo : userInfo.substring(colon + 1),
                    java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the Redis client refuses a malformed URL itself
        }
    }

    private static String redacted(String hostUrl) {
        try {
            URI uri = URI.create(hostUrl.strip());
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "a Redis URL";
        }
    }
}
