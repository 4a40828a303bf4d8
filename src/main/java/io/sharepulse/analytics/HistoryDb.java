package io.sharepulse.analytics;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.sharepulse.platform.ProblemException;
import io.sharepulse.post.PostId;

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

        /** This binder, then {@code next} (which binds the parameters after this one's). */
        default Binder andThen(Binder next) {
            return st -> {
                bind(st);
                next.bind(st);
            };
        }
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

    /** Binds a site and a range (days or hours: [from, to] or [from, to) as the query says) as parameters 1 to 3. */
    static Binder siteRange(String site, Object from, Object to) {
        return siteRange(1, site, from, to);
    }

    /** The same site and range twice, as parameters 1 to 6: for a query that reads two tables over one range. */
    static Binder siteRangeTwice(String site, LocalDate from, LocalDate to) {
        return siteRange(1, site, from, to).andThen(siteRange(4, site, from, to));
    }

    private static Binder siteRange(int first, String site, Object from, Object to) {
        return st -> {
            st.setString(first, site);
            st.setObject(first + 1, from);
            st.setObject(first + 2, to);
        };
    }

    /** Binds a post (its site, then its hash) and a range of days as parameters 1 to 4. */
    static Binder postRange(PostId post, LocalDate from, LocalDate to) {
        return st -> {
            st.setString(1, post.site());
            st.setString(2, post.hash());
            st.setObject(3, from);
            st.setObject(4, to);
        };
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
