package org.adminprovisioning.provisioning;

import org.adminprovisioning.web.ProblemType;

/** An idempotent replay of a request that failed: answers with the first attempt's problem. */
public class PreviousAttemptFailedException extends RuntimeException {

    private final ProblemType problemType;

    public PreviousAttemptFailedException(ProblemType problemType, String detail) {
        super(detail);
        this.problemType = problemType;
    }

    public ProblemType getProblemType() {
        return problemType;
    }
}
