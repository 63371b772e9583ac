package org.adminprovisioning.cognito.emulator;

import org.junit.jupiter.api.BeforeAll;

/** The story against cognito-local, in a pool whose sign-in attribute is the email (UUID usernames). */
class CognitoLocalEmailPoolEmulatorTests extends CognitoEmulatorStory {

    @BeforeAll
    static void startCognitoLocal() throws Exception {
        Availability cognitoLocal = CognitoLocalEmulator.install();
        startEmulator("cognito-local", cognitoLocal, () -> CognitoLocalEmulator.start(cognitoLocal.executable()),
                EmulatorPool.Kind.EMAIL_AS_USERNAME);
    }
}
