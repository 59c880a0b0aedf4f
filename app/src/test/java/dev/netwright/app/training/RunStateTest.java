package dev.netwright.app.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the user may do with a run in each state: the rules the menus, the toolbar and the Training panel share. */
class RunStateTest {

    @Test
    void onlyAnIdleRunCanBeStarted() {
        assertThat(allowing(RunState::canStart)).containsExactly(RunState.IDLE);
    }

    @Test
    void onlyATrainingRunCanBePaused() {
        assertThat(allowing(RunState::canPause)).containsExactly(RunState.RUNNING);
    }

    @Test
    void onlyAPausedRunCanBeResumed() {
        assertThat(allowing(RunState::canResume)).containsExactly(RunState.PAUSED);
    }

    @Test
    void aStartingTrainingOrPausedRunCanBeStoppedButNotOneThatIsStoppingOrIdle() {
        assertThat(allowing(RunState::canStop)).containsExactlyInAnyOrder(RunState.STARTING, RunState.RUNNING, RunState.PAUSED);
    }

    @ParameterizedTest
    @EnumSource(RunState.class)
    void aStateThatCanBeStartedIsExactlyOneThatIsNotActive(RunState state) {
        assertThat(state.canStart()).isEqualTo(!state.isActive());
    }

    private static Set<RunState> allowing(java.util.function.Predicate<RunState> rule) {
        Set<RunState> allowed = EnumSet.noneOf(RunState.class);
        for (RunState state : RunState.values()) {
            if (rule.test(state)) {
                allowed.add(state);
            }
        }
        return allowed;
    }
}
