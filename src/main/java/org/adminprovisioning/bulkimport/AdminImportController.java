package org.adminprovisioning.bulkimport;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk import over HTTP: {@code POST /admins/import} with a CSV file ({@code text/csv}, an {@code email}
 * column) or {@code {"emails":[...]}} answers {@code 202} with the import's id at once; its progress
 * and per-row outcomes are at {@code GET /admins/import/{importId}}.
 */
@RestController
@RequestMapping("/admins/import")
class AdminImportController {

    private static final String KEY = "Idempotency-Key";
    static final String TEXT_CSV = "text/csv";

    private final AdminImports imports;

    AdminImportController(AdminImports imports) {
        this.imports = imports;
    }

    @PostMapping(consumes = TEXT_CSV)
    ResponseEntity<ImportStarted> importCsv(@RequestBody byte[] body,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
            @RequestHeader(name = KEY, required = false) @Size(max = 255) String idempotencyKey) {
        Charset charset = contentType.getCharset() == null ? StandardCharsets.UTF_8 : contentType.getCharset();
        return started(imports.start(ImportFile.csv(new String(body, charset), imports.maxRows()),
                blankToNull(idempotencyKey)));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ImportStarted> importJson(@RequestBody EmailsRequest body,
            @RequestHeader(name = KEY, required = false) @Size(max = 255) String idempotencyKey) {
        return started(imports.start(ImportFile.json(body.emails(), imports.maxRows()), blankToNull(idempotencyKey)));
    }

    /** The import's counts and a page of its rows ({@code outcome} filters them; {@code size} at most 1,000). */
    @GetMapping("/{importId}")
    ImportStatus status(@PathVariable UUID importId, @RequestParam(required = false) RowOutcome outcome,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        return imports.status(importId, outcome, page, size);
    }

    /** Resumes an import paused for Cognito's email quota. */
    @PostMapping("/{importId}/resume")
    ResponseEntity<ImportStatus> resume(@PathVariable UUID importId) {
        return ResponseEntity.accepted().body(imports.resume(importId));
    }

    private static ResponseEntity<ImportStarted> started(ImportStarted started) {
        return ResponseEntity.accepted().location(URI.create("/admins/import/" + started.importId())).body(started);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** {@code {"emails": [...]}}: each element is one row. */
    record EmailsRequest(List<String> emails) {
    }
}
