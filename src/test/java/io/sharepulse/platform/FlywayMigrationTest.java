package io.sharepulse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.sharepulse.TestInfra;

/** The migrations build the whole schema in an empty database, and a second run changes nothing. */
class FlywayMigrationTest {

    @Test
    void migratesAnEmptyDatabase() throws Exception {
        String name = "sharepulse_test_" + System.currentTimeMillis() + "_fly" + UUID.randomUUID().toString().substring(0, 5);
        try (Connection admin = TestInfra.adminConnection(); Statement st = admin.createStatement()) {
            st.execute("create database " + name);
        }
        try {
            String url = TestInfra.databaseUrl(name);
            Flyway flyway = Flyway.configure().dataSource(url, "postgres", "").schemas("sharepulse")
                    .createSchemas(true).locations("classpath:db/migration").load();
            assertThat(flyway.migrate().migrationsExecuted).isGreaterThanOrEqualTo(1);
            assertThat(flyway.migrate().migrationsExecuted).isZero();
            try (Connection c = DriverManager.getConnection(url, "postgres", "");
                    ResultSet rs = c.getMetaData().getTables(null, "sharepulse", "%", new String[] { "TABLE" })) {
                List<String> tables = new ArrayList<>();
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
                assertThat(tables).contains("site", "post", "flyway_schema_history");
            }
        } finally {
            try (Connection admin = TestInfra.adminConnection(); Statement st = admin.createStatement()) {
                st.execute("drop database if exists " + name + " with (force)");
            }
        }
    }
}
