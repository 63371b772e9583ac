package org.adminprovisioning.provisioning;

import static org.adminprovisioning.provisioning.OperationEvent.COGNITO_DONE;
import static org.adminprovisioning.provisioning.OperationEvent.COMPENSATE;
import static org.adminprovisioning.provisioning.OperationEvent.COMPLETE;
import static org.adminprovisioning.provisioning.OperationEvent.FAIL;
import static org.adminprovisioning.provisioning.OperationEvent.FAIL_AND_LOOK_AGAIN;
import static org.adminprovisioning.provisioning.OperationEvent.LATE_CHANGE_FOUND;
import static org.adminprovisioning.provisioning.OperationEvent.NOTHING_LANDED;
import static org.adminprovisioning.provisioning.OperationEvent.ROLL_BACK;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The state machine of every journaled operation, as one table (state × event → state) that every
 * transition reads. A pair not in the table means the operation moved on meanwhile (the saga of a
 * stalled instance and the reconciler met): the transition is refused and the caller learns the
 * current state instead. Repeating an end is allowed where it is harmless (a saga's late FAIL on an
 * operation the reconciler already failed). {@code docs/architecture.md} draws it.
 */
final class StateTable {

    private static final Map<OperationState, Map<OperationEvent, OperationState>> TABLE =
            new EnumMap<>(OperationState.class);

    static {
        from(OperationState.STARTED)
                .on(COGNITO_DONE, OperationState.COGNITO_DONE)
                .on(COMPLETE, OperationState.COMPLETED)
                .on(FAIL, OperationState.FAILED)
                .on(FAIL_AND_LOOK_AGAIN, OperationState.VERIFYING)
                .on(COMPENSATE, OperationState.COMPENSATING)
                .on(ROLL_BACK, OperationState.ROLLED_BACK);
        from(OperationState.COGNITO_DONE)
                .on(COMPLETE, OperationState.COMPLETED)
                .on(COMPENSATE, OperationState.COMPENSATING)
                .on(ROLL_BACK, OperationState.ROLLED_BACK);
        from(OperationState.COMPENSATING)
                .on(COMPENSATE, OperationState.COMPENSATING)
                .on(ROLL_BACK, OperationState.ROLLED_BACK);
        from(OperationState.VERIFYING)
                .on(FAIL, OperationState.VERIFYING)
                .on(NOTHING_LANDED, OperationState.FAILED)
                .on(LATE_CHANGE_FOUND, OperationState.COMPENSATING);
        from(OperationState.FAILED)
                .on(FAIL, OperationState.FAILED)
                .on(LATE_CHANGE_FOUND, OperationState.COMPENSATING);
        from(OperationState.ROLLED_BACK)
                .on(ROLL_BACK, OperationState.ROLLED_BACK);
        from(OperationState.COMPLETED);
    }

    private StateTable() {
    }

    /** Where the event leads from the state, or empty when it does not apply there. */
    static Optional<OperationState> next(OperationState from, OperationEvent event) {
        return Optional.ofNullable(TABLE.get(from).get(event));
    }

    private static Row from(OperationState state) {
        Map<OperationEvent, OperationState> row = new EnumMap<>(OperationEvent.class);
        TABLE.put(state, row);
        return new Row(row);
    }

    private record Row(Map<OperationEvent, OperationState> row) {

        Row on(OperationEvent event, OperationState to) {
            row.put(event, to);
            return this;
        }
    }
}
