package org.adminprovisioning.admin;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The admin the current request runs as. */
public final class CurrentAdmin {

    private CurrentAdmin() {
    }

    /** @throws AccessDeniedException when no authenticated admin is behind the current thread */
    public static AdminPrincipal require() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AdminPrincipal admin) {
            return admin;
        }
        throw new AccessDeniedException("Only an authenticated admin may do this");
    }
}
