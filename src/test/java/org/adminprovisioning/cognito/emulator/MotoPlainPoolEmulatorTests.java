package org.adminprovisioning.cognito.emulator;

import org.junit.jupiter.api.BeforeAll;

/** The story against moto, in a plain pool (the email we pass is the username). */
class MotoPlainPoolEmulatorTests extends CognitoEmulatorStory {

    @BeforeAll
    static void startMoto() throws Exception {
        Availability moto = MotoEmulator.locate();
        startEmulator("moto", moto, () -> MotoEmulator.start(moto.executable()), EmulatorPool.Kind.PLAIN);
    }
}
