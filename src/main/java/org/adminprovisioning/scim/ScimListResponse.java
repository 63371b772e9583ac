package org.adminprovisioning.scim;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A page of resources, SCIM's {@code ListResponse} message (RFC 7644 §3.4.2). */
public record ScimListResponse<T>(List<String> schemas, long totalResults, int startIndex, int itemsPerPage,
        @JsonProperty("Resources") List<T> resources) {

    static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    ScimListResponse(long totalResults, int startIndex, List<T> resources) {
        this(List.of(SCHEMA), totalResults, startIndex, resources.size(), resources);
    }
}
