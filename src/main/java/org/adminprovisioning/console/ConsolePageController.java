package org.adminprovisioning.console;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * {@code GET /}: the admin console's page, {@code static/index.html}; its scripts, styles and the vendored
 * QR library are plain static files under {@code /console/**}. Mapped here instead of being left to Boot's
 * welcome page, which answers a request that does not accept HTML with an empty 406: here it gets the
 * {@code 406 not-acceptable} problem every other endpoint sends.
 */
@Controller
@Hidden
class ConsolePageController {

    private static final Resource PAGE = new ClassPathResource("static/index.html");

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> page() {
        // Revalidated on every visit, so a new version of the console is picked up at once.
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noCache()).body(PAGE);
    }
}
