package org.adminprovisioning.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Origins allowed to call {@code /admins/**} and {@code /auth/**} from a browser
 * ({@code provisioning.cors.allowed-origins}, env {@code PROVISIONING_CORS_ALLOWED_ORIGINS}, a
 * comma list). Empty by default: same-origin only.
 *
 * @param allowedOrigins origins (scheme, host and port, e.g. {@code https://app.example.com}) whose
 *                       pages may call the API from a browser; empty for same-origin only
 */
@ConfigurationProperties("provisioning.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {
}
