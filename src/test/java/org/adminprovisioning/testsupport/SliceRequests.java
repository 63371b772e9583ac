package org.adminprovisioning.testsupport;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Callers for {@code @WebMvcTest} slices, as the resource server would authenticate them. */
public final class SliceRequests {

    public static final String PROBLEM = "https://adminprovisioning.org/problems/";

    private SliceRequests() {
    }

    /** A valid access token of an active admin: admin group claim and {@code ROLE_ADMIN}. */
    public static RequestPostProcessor admin() {
        return jwt().jwt(token -> token.claim("username", "0b6c1a52-6a1f-4b7e-9d0c-3f1e2a4b5c6d")
                .claim("token_use", "access")
                .claim("cognito:groups", List.of("admins")))
                .authorities(new SimpleGrantedAuthority("ROLE_ADMIN"));
    }

    /** A valid access token of a pool user that is no admin (no group, or no ACTIVE {@code User}). */
    public static RequestPostProcessor nonAdmin() {
        return jwt().jwt(token -> token.claim("username", "7d1e2f3a-0000-4000-8000-000000000001")
                .claim("token_use", "access"))
                .authorities(List.of());
    }
}
