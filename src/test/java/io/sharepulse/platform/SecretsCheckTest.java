package io.sharepulse.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.sharepulse.platform.SecretsCheck.Secret;

/**
 * Production refuses guessable secrets with one line per setting, naming it: a placeholder from our files and docs,
 * or anything shorter than 32 characters. Absent secrets are fine (no token: no admin API).
 */
class SecretsCheckTest {

    static final String LONG = "q8Wc1tT3b5m0ZpVn2yXe4rLk6jHg9fDs"; // 32 characters

    @Test
    void placeholdersAndShortSecretsAreNamedOneLineEach() {
        List<String> problems = SecretsCheck.problems(List.of(
                new Secret("SHAREPULSE_ADMIN_TOKEN", Optional.of("change-me-admin-token")),
                new Secret("QUARKUS_DATASOURCE_PASSWORD", Optional.of("s3cret-but-short")),
                new Secret("QUARKUS_REDIS_PASSWORD", Optional.of("CHANGE-ME-redis")),
                new Secret("QUARKUS_REDIS_HOSTS", Optional.of("dev-admin-token"))));
        assertThat(problems).containsExactly(
                "SHAREPULSE_ADMIN_TOKEN is a documented placeholder",
                "QUARKUS_DATASOURCE_PASSWORD is shorter than 32 characters",
                "QUARKUS_REDIS_PASSWORD is a documented placeholder",
                "QUARKUS_REDIS_HOSTS is a documented placeholder");
    }

    @Test
    void longRandomOrAbsentSecretsPass() {
        assertThat(SecretsCheck.problems(List.of(new Secret("SHAREPULSE_ADMIN_TOKEN", Optional.of(LONG)),
                new Secret("QUARKUS_DATASOURCE_PASSWORD", Optional.empty()),
                new Secret("QUARKUS_REDIS_PASSWORD", Optional.of(""))))).isEmpty();
    }

    @Test
    void aRedisUrlsPasswordIsCheckedToo() {
        assertThat(SecretsCheck.passwordOf("redis://:change-me-redis@redis:6379")).hasValue("change-me-redis");
        assertThat(SecretsCheck.passwordOf("redis://user:" + LONG + "@redis:6379/0")).hasValue(LONG);
        assertThat(SecretsCheck.passwordOf("redis://redis:6379")).isEmpty();
    }

    @Test
    void productionRefusesToStartDevAndTestDoNot() {
        List<Secret> secrets = List.of(new Secret("SHAREPULSE_ADMIN_TOKEN (sharepulse.admin.token)",
                Optional.of("test-admin-token")), new Secret("QUARKUS_DATASOURCE_PASSWORD", Optional.of(LONG)));
        SecretsCheck.verify(LaunchMode.TEST, secrets);
        SecretsCheck.verify(LaunchMode.DEVELOPMENT, secrets);
        assertThatThrownBy(() -> SecretsCheck.verify(LaunchMode.NORMAL, secrets))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("- SHAREPULSE_ADMIN_TOKEN (sharepulse.admin.token) is a documented placeholder")
                .hasMessageNotContaining("QUARKUS_DATASOURCE_PASSWORD").hasMessageNotContaining("test-admin-token");
    }
}
