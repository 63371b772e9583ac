package org.adminprovisioning.cognito.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * cognito-local (npm, Node). Pinned by {@code src/test/emulators/cognito-local/package.json} and
 * its lock file; {@link #install()} copies both to {@code target/emulators/cognito-local} and runs
 * {@code npm ci} there when the installed tree is missing or stale, so nobody installs it by hand.
 * Each run gets a working directory of its own: the user store is plain JSON under its
 * {@code .cognito/db/}, and {@code .cognito/config.json} makes pools plain unless a pool asks for
 * email-as-username itself.
 */
public final class CognitoLocalEmulator extends CognitoEmulator {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path PINNED = Path.of("src", "test", "emulators", "cognito-local");
    private static final Path INSTALLED = Path.of("target", "emulators", "cognito-local");
    private static final String START_SCRIPT = "node_modules/cognito-local/lib/bin/start.js";

    private final Path node;
    private final Path installation;
    private final Path workingDirectory;

    private CognitoLocalEmulator(Path node, Path installation, Path workingDirectory) {
        this.node = node;
        this.installation = installation;
        this.workingDirectory = workingDirectory;
    }

    /**
     * Installs the pinned cognito-local with {@code npm ci} unless the lock file is already
     * installed; reports {@code node}, or why the emulator cannot run here.
     */
    public static synchronized Availability install() {
        Optional<Path> node = onPath("node");
        Optional<Path> npm = onPath("npm");
        if (node.isEmpty() || npm.isEmpty()) {
            return Availability.absent("node and npm are not on the PATH (cognito-local is an npm package)");
        }
        Path target = INSTALLED.toAbsolutePath();
        try {
            Files.createDirectories(target);
            byte[] pinnedLock = Files.readAllBytes(PINNED.resolve("package-lock.json"));
            Path installedMarker = target.resolve("node_modules/.installed-package-lock.json");
            boolean current = Files.exists(target.resolve(START_SCRIPT)) && Files.exists(installedMarker)
                    && Arrays.equals(Files.readAllBytes(installedMarker), pinnedLock);
            if (current) {
                return Availability.of(node.get());
            }
            Files.copy(PINNED.resolve("package.json"), target.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(PINNED.resolve("package-lock.json"), target.resolve("package-lock.json"),
                    StandardCopyOption.REPLACE_EXISTING);
            Path log = target.resolve("npm-ci.log");
            Process npmCi = new ProcessBuilder(npm.get().toString(), "ci", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(target.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!npmCi.waitFor(5, TimeUnit.MINUTES)) {
                npmCi.destroyForcibly();
                return Availability.absent("npm ci of cognito-local did not finish within 5 minutes: " + tail(log));
            }
            if (npmCi.exitValue() != 0 || !Files.exists(target.resolve(START_SCRIPT))) {
                return Availability.absent("npm ci of cognito-local failed (exit " + npmCi.exitValue() + "): "
                        + tail(log));
            }
            Files.write(installedMarker, pinnedLock);
            return Availability.of(node.get());
        } catch (IOException e) {
            return Availability.absent("could not install cognito-local: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Availability.absent("interrupted while installing cognito-local");
        }
    }

    /** Starts cognito-local on a free loopback port in a fresh working directory. */
    public static CognitoLocalEmulator start(Path node) throws IOException, InterruptedException {
        Path installation = INSTALLED.toAbsolutePath();
        Path directory = Files.createTempDirectory(installation, "run-");
        Files.createDirectories(directory.resolve(".cognito"));
        Files.writeString(directory.resolve(".cognito/config.json"), "{\"UserPoolDefaults\":{\"UsernameAttributes\":[]}}");
        CognitoLocalEmulator emulator = new CognitoLocalEmulator(node, installation, directory);
        emulator.start();
        return emulator;
    }

    @Override
    public String name() {
        return "cognito-local";
    }

    @Override
    public String version() {
        return "5.3.0";
    }

    @Override
    protected List<String> command(int port) {
        return List.of(node.toString(), installation.resolve(START_SCRIPT).toString());
    }

    @Override
    protected Map<String, String> environment(int port) {
        return Map.of("PORT", Integer.toString(port), "HOST", "127.0.0.1", "NO_COLOR", "1");
    }

    @Override
    protected Path workingDirectory() {
        return workingDirectory;
    }

    @Override
    protected boolean ready() {
        return answers("/health");
    }

    @Override
    public String issuer(String poolId) {
        return endpoint() + "/" + poolId;
    }

    @Override
    public String signingKeyId() {
        return "CognitoLocal";
    }

    /** From {@code .cognito/db/<poolId>.json}, written before {@code AdminCreateUser} answers. */
    @Override
    public String temporaryPassword(String poolId, String email) {
        return user(poolId, email).path("Password").asString();
    }

    /**
     * {@code ConfirmationCode} on the user, written before {@code ForgotPassword} answers (also printed on
     * stdout). Empty while the store is being rewritten: cognito-local rewrites the whole file per write,
     * and the service calls {@code ForgotPassword} in the background while the caller polls.
     */
    @Override
    public Optional<String> resetCode(String poolId, String email) {
        try {
            JsonNode code = user(poolId, email).path("ConfirmationCode");
            return code.isString() ? Optional.of(code.asString()) : Optional.empty();
        } catch (RuntimeException midWrite) {
            return Optional.empty();
        }
    }

    private JsonNode user(String poolId, String email) {
        JsonNode users = JSON.readTree(workingDirectory.resolve(".cognito/db/" + poolId + ".json").toFile())
                .path("Users");
        for (JsonNode user : users) {
            for (JsonNode attribute : user.path("Attributes")) {
                if ("email".equals(attribute.path("Name").asString())
                        && email.equalsIgnoreCase(attribute.path("Value").asString())) {
                    return user;
                }
            }
        }
        throw new IllegalStateException("cognito-local has no user " + email + " in pool " + poolId);
    }

    @Override
    public Optional<String> gap(EmulatorGap gap) {
        switch (gap) {
            case NEW_PASSWORD_POLICY:
                return Optional.of("cognito-local 5.3.0 accepts any new password in RespondToAuthChallenge: it has "
                        + "no password policy (CognitoWireContractTests checks the InvalidPasswordException mapping)");
            case TEMPORARY_PASSWORD_CHECK:
                return Optional.of("cognito-local 5.3.0 does not check the temporary password on InitiateAuth: any "
                        + "password of a FORCE_CHANGE_PASSWORD user gets the NEW_PASSWORD_REQUIRED challenge");
            case RESEND_INVITE:
                return Optional.of("cognito-local 5.3.0 answers AdminCreateUser with MessageAction=RESEND with 500 "
                        + "CognitoLocal#Unsupported (CognitoWireContractTests checks the request and the error mapping "
                        + "instead)");
            case GLOBAL_SIGN_OUT:
                return Optional.of("cognito-local 5.3.0 answers AdminUserGlobalSignOut with 500 CognitoLocal#Unsupported: "
                        + "a disable answers 202 and its Cognito part stays with the reconciler");
            case DISABLED_USER_SIGN_IN:
                return Optional.of("cognito-local 5.3.0 lets a disabled user sign in");
            case MFA_SETUP:
                return Optional.of("cognito-local 5.3.0 never answers MFA_SETUP (a pool with MFA ON refuses a user "
                        + "without MFA with NotAuthorizedException), and AssociateSoftwareToken/VerifySoftwareToken "
                        + "refuse a Session (\"MFA_SETUP flow is not supported; call with AccessToken\"); "
                        + "CognitoWireContractTests checks the sequence on the wire");
            case TOTP_REPLAY:
                return Optional.of("cognito-local 5.3.0 has no MFA_SETUP flow to set an app up with (see MFA_SETUP)");
            case RESET_PASSWORD_POLICY:
                return Optional.of("cognito-local 5.3.0 applies no password policy in ConfirmForgotPassword");
            default:
                return Optional.empty();
        }
    }
}
