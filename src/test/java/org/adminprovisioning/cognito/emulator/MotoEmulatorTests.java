package org.adminprovisioning.cognito.emulator;

import org.junit.jupiter.api.BeforeAll;

/** The story against moto, in a pool whose sign-in attribute is the email (UUID usernames). */
class MotoEmulatorTests extends CognitoEmulatorStory {

    @BeforeAll
    static void startMoto() throws Exception {
        Availability moto = MotoEmulator.locate();
        startEmulator("moto", moto, () -> MotoEmulator.start(moto.executable()), EmulatorPool.Kind.EMAIL_AS_USERNAME);
    }
}
