package org.adminprovisioning.bulkimport;

/** An import request was refused for the given reason; the message says what to change. */
public class ImportRefusedException extends RuntimeException {

    private final ImportRefusal refusal;

    ImportRefusedException(ImportRefusal refusal, String message) {
        super(message);
        this.refusal = refusal;
    }

    public ImportRefusal refusal() {
        return refusal;
    }
}
