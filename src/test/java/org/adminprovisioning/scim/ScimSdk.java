package org.adminprovisioning.scim;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;

import com.unboundid.scim2.client.ScimService;

import org.glassfish.jersey.apache5.connector.Apache5ConnectorProvider;
import org.glassfish.jersey.client.ClientConfig;

/**
 * UnboundID's SCIM 2 SDK client (a client nobody here wrote) pointed at a running service's
 * {@code /scim/v2}, authenticated with a connector's bearer token. Jersey's Apache HttpClient 5
 * connector, because its default one cannot send PATCH on Java 17.
 */
public final class ScimSdk implements AutoCloseable {

    private final Client client;
    private final ScimService scim;

    public ScimSdk(String serviceBase, String bearerToken) {
        this.client = ClientBuilder.newClient(new ClientConfig().connectorProvider(new Apache5ConnectorProvider()));
        this.scim = new ScimService(client.target(serviceBase + "/scim/v2").register(
                (ClientRequestFilter) request -> request.getHeaders().putSingle("Authorization", "Bearer " + bearerToken)));
    }

    public ScimService service() {
        return scim;
    }

    @Override
    public void close() {
        client.close();
    }
}
