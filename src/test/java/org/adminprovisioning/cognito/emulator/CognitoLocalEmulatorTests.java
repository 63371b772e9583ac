package org.adminprovisioning.cognito.emulator;

import org.junit.jupiter.api.BeforeAll;

/** The story against cognito-local, in a plain pool (the email we pass is the username). */
class CognitoLocalEmulatorTests extends CognitoEmulatorStory {

    @BeforeAll
    static void startCognitoLocal() throws Exception {
        Availability cognitoLocal = CognitoLocalEmulator.install();
        startEmulator("cognito-local", cognitoLocal, () -> CognitoLocalEmulator.start(cognitoLocal.executable()),
                EmulatorPool.Kind.PLAIN);
    }
}
