package io.sharepulse.analytics;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.sharepulse.platform.ProblemException;

/**
 * PostgreSQL for the click history (tables of {@code V3__click_history.sql} and after), in plain JDBC: the rollup
 * writes tens of thousands of rows per day in batches, and the analytics reads aggregate in SQL. Blocking: call
 * from a worker. A failure is a 503 problem (DESIGN §6); its cause goes to the log, not to the client.
 */
@ApplicationScoped
public class HistoryDb {

    private static final Logger LOG = Logger.getLogger(HistoryDb.class);

    /** Binds a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    /** Reads the current row of a result. */
    @FunctionalInterface
    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private final AgroalDataSource db;

    public HistoryDb(AgroalDataSource db) {
        this.db = db;
    }

    Connection connection() throws SQLException {
        return db.getConnection();
    }

    /** Runs one query and hands each row to the reader. */
    void query(String sql, Binder binder, RowReader reader) {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            binder.bind(st);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** A {@code varchar[]} parameter. */
    static Array varchars(PreparedStatement st, Collection<String> values) throws SQLException {
        return st.getConnection().createArrayOf("varchar", values.toArray());
    }

    static ProblemException unavailable(SQLException e) {
        LOG.warnf("Click history unavailable: %s", e.toString());
        return new ProblemException(503, "unavailable", "Service Unavailable",
                "The click history cannot be read right now; try again shortly.", null, 5);
    }
}
