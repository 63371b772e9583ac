package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The state machine, checked as a whole: what can happen, what must never, and that every state is reachable. */
class StateTableTests {

    @Test
    void completed_isTheEnd_noEventMovesIt() {
        for (OperationEvent event : OperationEvent.values()) {
            assertThat(StateTable.next(OperationState.COMPLETED, event)).as(event.name()).isEmpty();
        }
    }

    @Test
    void nothingButACompletionLeadsToCompleted_andNothingCompletesAnUndoneOperation() {
        for (OperationState from : OperationState.values()) {
            for (OperationEvent event : OperationEvent.values()) {
                StateTable.next(from, event).filter(to -> to == OperationState.COMPLETED)
                        .ifPresent(to -> assertThat(event).isEqualTo(OperationEvent.COMPLETE));
            }
            if (from == OperationState.COMPENSATING || from == OperationState.ROLLED_BACK
                    || from == OperationState.FAILED || from == OperationState.VERIFYING) {
                assertThat(StateTable.next(from, OperationEvent.COMPLETE)).as(from.name()).isEmpty();
            }
        }
    }

    @Test
    void aLateChange_isUndone_evenAfterTheOperationFailed() {
        assertThat(StateTable.next(OperationState.VERIFYING, OperationEvent.LATE_CHANGE_FOUND))
                .contains(OperationState.COMPENSATING);
        assertThat(StateTable.next(OperationState.FAILED, OperationEvent.LATE_CHANGE_FOUND))
                .contains(OperationState.COMPENSATING);
        assertThat(StateTable.next(OperationState.VERIFYING, OperationEvent.NOTHING_LANDED))
                .contains(OperationState.FAILED);
    }

    @Test
    void repeatingAnEnd_isHarmless_whereTwoInstancesMayBothReachIt() {
        assertThat(StateTable.next(OperationState.FAILED, OperationEvent.FAIL)).contains(OperationState.FAILED);
        assertThat(StateTable.next(OperationState.VERIFYING, OperationEvent.FAIL)).contains(OperationState.VERIFYING);
        assertThat(StateTable.next(OperationState.ROLLED_BACK, OperationEvent.ROLL_BACK))
                .contains(OperationState.ROLLED_BACK);
        assertThat(StateTable.next(OperationState.COMPENSATING, OperationEvent.COMPENSATE))
                .contains(OperationState.COMPENSATING);
    }

    @Test
    void everyState_isReachableFromStarted() {
        Set<OperationState> reached = EnumSet.of(OperationState.STARTED);
        List<OperationState> frontier = new ArrayList<>(reached);
        while (!frontier.isEmpty()) {
            OperationState from = frontier.remove(0);
            for (OperationEvent event : OperationEvent.values()) {
                StateTable.next(from, event).filter(reached::add).ifPresent(frontier::add);
            }
        }
        assertThat(reached).containsExactlyInAnyOrder(OperationState.values());
    }

    @Test
    void onlyUnfinishedStatesHoldTheAdmin_andEveryHeldStateIsWatched() {
        for (OperationState state : OperationState.values()) {
            if (state.holdsTheAdmin()) {
                assertThat(state.watched()).as(state.name()).isTrue();
            }
        }
        assertThat(OperationState.VERIFYING.holdsTheAdmin()).isFalse();
        assertThat(OperationState.VERIFYING.watched()).isTrue();
    }
}
