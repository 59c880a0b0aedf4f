package dev.netwright.runtime.sweep;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HalvingTest {
    @Test
    void rungsKeepOneInEtaAndMultiplyTheBudget() {
        assertThat(Halving.rungs(27, 3, 27)).containsExactly(new Halving.Rung(27, 1), new Halving.Rung(9, 3),
                new Halving.Rung(3, 9), new Halving.Rung(1, 27));
        assertThat(Halving.rungs(20, 3, 9)).containsExactly(new Halving.Rung(20, 1), new Halving.Rung(6, 3),
                new Halving.Rung(2, 9));
        assertThat(Halving.rungs(4, 2, 2)).containsExactly(new Halving.Rung(4, 1), new Halving.Rung(2, 2));
    }

    @Test
    void theEpochsOrTheTrialsLimitTheRungs() {
        assertThat(Halving.rungs(8, 3, 1)).containsExactly(new Halving.Rung(8, 1)); // one epoch: plain random search
        assertThat(Halving.rungs(2, 3, 30)).containsExactly(new Halving.Rung(2, 30)); // too few trials to halve
        assertThat(Halving.rungs(100, 3, 10)).containsExactly(new Halving.Rung(100, 1), new Halving.Rung(33, 3),
                new Halving.Rung(11, 10));
    }

    @Test
    void wrongSizesAreRefused() {
        assertThatThrownBy(() -> Halving.rungs(4, 1, 4)).hasMessageContaining("eta of at least 2");
        assertThatThrownBy(() -> Halving.rungs(0, 3, 4)).hasMessageContaining("at least 1 trial");
    }

    @Test
    void theBestByAccuracyThenLossGoOnAndFailedTrialsNever() {
        List<Trial> rung = List.of(
                done("trial-001", 0.80, 0.50), done("trial-002", 0.90, 0.40), done("trial-003", 0.90, 0.30),
                Trial.pending("trial-004", Map.of()).failed("boom", 1), done("trial-005", 0.10, 2.0));
        assertThat(Halving.promoted(rung, 2)).containsExactly("trial-003", "trial-002");
        assertThat(Halving.promoted(rung, 10)).containsExactly("trial-003", "trial-002", "trial-001", "trial-005");
    }

    private static Trial done(String id, double accuracy, double loss) {
        return Trial.pending(id, Map.of()).finished(1, accuracy, loss, 1);
    }
}
