package org.adminprovisioning.cognito.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * moto's server mode ({@code moto_server}, Python), the emulator closest to Cognito for
 * authentication. It ships with this machine's image and with CI's ({@code pip install
 * 'moto[server]'}); {@code MOTO_SERVER} may point at another executable. Its whole state, passwords
 * included, is readable at {@code GET /moto-api/data.json}.
 */
public final class MotoEmulator extends CognitoEmulator {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path executable;
    private final Path workingDirectory;

    private MotoEmulator(Path executable, Path workingDirectory) {
        this.executable = executable;
        this.workingDirectory = workingDirectory;
    }

    /** The executable, or why there is none. */
    public static Availability locate() {
        String configured = System.getenv("MOTO_SERVER");
        Optional<Path> executable = configured != null && !configured.isBlank()
                ? Optional.of(Path.of(configured)).filter(Files::isExecutable)
                : onPath("moto_server").or(MotoEmulator::inUsualPlaces);
        return executable.map(Availability::of)
                .orElseGet(() -> Availability.absent("moto_server is not on the PATH (pip install 'moto[server]==5.2.1', "
                        + "or set MOTO_SERVER)"));
    }

    /** Where pip and pyenv put it when their directories are not on a non-interactive shell's PATH. */
    private static Optional<Path> inUsualPlaces() {
        Path home = Path.of(System.getProperty("user.home"));
        return java.util.stream.Stream.of(home.resolve(".pyenv/shims/moto_server"), home.resolve(".local/bin/moto_server"))
                .filter(Files::isExecutable).findFirst();
    }

    /** Starts moto on a free loopback port. */
    public static MotoEmulator start(Path executable) throws IOException, InterruptedException {
        Path directory = Path.of("target", "emulators", "moto").toAbsolutePath();
        Files.createDirectories(directory);
        MotoEmulator moto = new MotoEmulator(executable, directory);
        moto.start();
        return moto;
    }

    @Override
    public String name() {
        return "moto";
    }

    @Override
    public String version() {
        return "5.2.1";
    }

    @Override
    protected List<String> command(int port) {
        return List.of(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port));
    }

    /** Makes moto check TOTP codes for real (against its one fixed secret) instead of accepting any. */
    @Override
    protected java.util.Map<String, String> environment(int port) {
        return java.util.Map.of("MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP", "true");
    }

    @Override
    protected Path workingDirectory() {
        return workingDirectory;
    }

    @Override
    protected boolean ready() {
        return answers("/moto-api/data.json");
    }

    /** moto signs with the real issuer format while it serves the keys itself. */
    @Override
    public String issuer(String poolId) {
        return "https://cognito-idp.us-east-1.amazonaws.com/" + poolId;
    }

    @Override
    public String signingKeyId() {
        return "dummy";
    }

    @Override
    public String temporaryPassword(String poolId, String email) {
        return user(poolId, email).path("password").asString();
    }

    /** moto keeps it on the user ({@code confirmation_code}, "moto-confirmation-code:NNNNNN"); it never emails it. */
    @Override
    public Optional<String> resetCode(String poolId, String email) {
        JsonNode code = user(poolId, email).path("confirmation_code");
        return code.isString() ? Optional.of(code.asString()) : Optional.empty();
    }

    private JsonNode user(String poolId, String email) {
        try {
            JsonNode users = JSON.readTree(get("/moto-api/data.json")).path("cognitoidp").path("CognitoIdpUser");
            for (JsonNode user : users) {
                if (poolId.equals(user.path("user_pool_id").asString())
                        && email.equalsIgnoreCase(user.path("attribute_lookup").path("email").asString())) {
                    return user;
                }
            }
            throw new IllegalStateException("moto has no user " + email + " in pool " + poolId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<String> gap(EmulatorGap gap) {
        switch (gap) {
            case RESEND_INVITE:
                return Optional.of("moto 5.2.1: AdminCreateUser with MessageAction=RESEND creates a second user in "
                        + "email-as-username pools and wipes the user in plain pools (CognitoWireContractTests checks "
                        + "the request and the error mapping instead)");
            case TOTP_REPLAY:
                return Optional.of("moto 5.2.1 accepts the same TOTP code again in a new session within its step "
                        + "(the in-memory pool refuses it; InMemoryUserPoolSignInTests, MfaRequiredFlowTests)");
            case RESET_CODE_CHECK:
                return Optional.of("moto 5.2.1 checks only codes that start with \"moto-confirmation-code:\" in "
                        + "ConfirmForgotPassword and accepts any other code (CognitoWireContractTests checks the "
                        + "CodeMismatchException mapping instead)");
            case RESET_PASSWORD_POLICY:
                return Optional.of("moto 5.2.1 applies no password policy in ConfirmForgotPassword");
            default:
                return Optional.empty();
        }
    }
}
