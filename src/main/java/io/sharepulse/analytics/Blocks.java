package io.sharepulse.analytics;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The aligned blocks of days of {@code click_block} (V5): a block of N days (1, 4, 16 or 64) starts on a day whose
 * number since 2000-01-01 is a multiple of N. The migration computes the same starts in SQL.
 */
final class Blocks {

    /** Block sizes, largest first. */
    static final int[] SIZES = { 64, 16, 4, 1 };
    private static final long EPOCH = LocalDate.of(2000, 1, 1).toEpochDay();

    /** One block: {@code days} days from {@code start}. */
    record Block(int days, LocalDate start) {
        LocalDate end() {
            return start.plusDays(days - 1);
        }
    }

    private Blocks() {
    }

    /** The block of each size that holds the day (what a rolled-up day adds to). */
    static List<Block> holding(LocalDate day) {
        List<Block> out = new ArrayList<>(SIZES.length);
        long n = day.toEpochDay() - EPOCH;
        for (int size : SIZES) {
            out.add(new Block(size, LocalDate.ofEpochDay(EPOCH + Math.floorDiv(n, size) * size)));
        }
        return out;
    }

    /**
     * [from, to] as disjoint blocks covering it exactly, each as large as its alignment allows: at most three of
     * a size at each end, so 90 days are at most 15 blocks and 731 days at most 23.
     */
    static List<Block> cover(LocalDate from, LocalDate to) {
        List<Block> out = new ArrayList<>();
        long n = from.toEpochDay() - EPOCH;
        long last = to.toEpochDay() - EPOCH;
        while (n <= last) {
            for (int size : SIZES) {
                if (Math.floorMod(n, size) == 0 && n + size - 1 <= last) {
                    out.add(new Block(size, LocalDate.ofEpochDay(EPOCH + n)));
                    n += size;
                    break;
                }
            }
        }
        return out;
    }

    /** Binds the blocks as two array parameters from {@code first} on: the sizes, then the starts. */
    static void bind(PreparedStatement st, int first, List<Block> blocks) throws SQLException {
        st.setArray(first, st.getConnection().createArrayOf("smallint",
                blocks.stream().map(b -> (short) b.days()).toArray()));
        st.setArray(first + 1, st.getConnection().createArrayOf("date",
                blocks.stream().map(b -> b.start().toString()).toArray()));
    }
}
