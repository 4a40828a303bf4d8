package io.sharepulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The block arithmetic both the rollup (which blocks a day adds to) and the ranking (which blocks a range reads) rely on. */
class BlocksTest {

    @Test
    void coverTilesEveryRangeExactlyWithFewBlocks() {
        LocalDate base = LocalDate.of(2026, 1, 1);
        int most90 = 0;
        int most731 = 0;
        for (int shift = 0; shift < 200; shift++) {
            for (int length : new int[] { 1, 2, 7, 30, 31, 89, 90, 365, 731 }) {
                LocalDate from = base.plusDays(shift);
                LocalDate to = from.plusDays(length - 1);
                List<Blocks.Block> blocks = Blocks.cover(from, to);
                LocalDate next = from;
                for (Blocks.Block b : blocks) {
                    assertThat(b.start()).isEqualTo(next);
                    // Aligned: the block is the one of its size that holds its first day.
                    assertThat(Blocks.holding(b.start())).contains(b);
                    next = b.end().plusDays(1);
                }
                assertThat(next).isEqualTo(to.plusDays(1));
                if (length == 90) {
                    most90 = Math.max(most90, blocks.size());
                }
                if (length == 731) {
                    most731 = Math.max(most731, blocks.size());
                }
            }
        }
        assertThat(most90).isLessThanOrEqualTo(15);
        assertThat(most731).isLessThanOrEqualTo(23);
    }

    @Test
    void aDayIsInOneBlockOfEachSize() {
        LocalDate day = LocalDate.of(2026, 11, 26);
        for (Blocks.Block b : Blocks.holding(day)) {
            assertThat(day).isBetween(b.start(), b.end());
        }
        assertThat(Blocks.holding(day)).extracting(Blocks.Block::days).containsExactly(64, 16, 4, 1);
        assertThat(Blocks.holding(LocalDate.of(2000, 1, 1))).allMatch(b -> b.start().equals(LocalDate.of(2000, 1, 1)));
    }
}
