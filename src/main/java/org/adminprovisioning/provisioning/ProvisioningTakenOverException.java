package org.adminprovisioning.provisioning;

/**
 * A journal transition found the request in a state it does not move from: while this caller was
 * slow (paused, or stuck on a call past the stale threshold), the reconciler or another instance
 * finished or took over the request. Carries what the request looks like now, so the caller can
 * answer with that instead of acting on stale knowledge.
 */
class ProvisioningTakenOverException extends RuntimeException {

    private final ProvisioningState state;
    private final String responseBody;
    private final String failureType;

    ProvisioningTakenOverException(ProvisioningRequest request) {
        super("Provisioning request " + request.getId() + " is " + request.getState() + " already");
        this.state = request.getState();
        this.responseBody = request.getResponseBody();
        this.failureType = request.getFailureType();
    }

    ProvisioningState state() {
        return state;
    }

    String responseBody() {
        return responseBody;
    }

    String failureType() {
        return failureType;
    }
}
