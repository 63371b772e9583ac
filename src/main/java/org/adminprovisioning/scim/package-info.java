/**
 * SCIM 2.0 (RFC 7643/7644) for identity providers: Microsoft Entra ID, Okta or any SCIM client
 * creates, disables, enables and removes admins through the same journaled engine as the admin API
 * ({@link org.adminprovisioning.provisioning}), as {@code scim:<connector>}.
 *
 * <ul>
 * <li>{@link org.adminprovisioning.scim.ScimUsers}: {@code /scim/v2/Users} mapped onto
 * provision / disable / enable / offboard; reads through {@link org.adminprovisioning.admin.AdminRecords};
 * how an outcome the reconciler finishes is answered without a 202.</li>
 * <li>{@code ScimRequests}, {@code ScimFilter}: the bodies and filters identity providers really send
 * (Entra's {@code "Replace"} with {@code "False"}, Okta's path-less {@code {"active":false}}).</li>
 * <li>{@code ScimDiscoveryController}: {@code /ServiceProviderConfig}, {@code /ResourceTypes},
 * {@code /Schemas}.</li>
 * <li>{@code ScimMessages}, {@code ScimEndpoints}: SCIM's media type and error messages — SCIM's own
 * format, not RFC 9457 problems, so written here and never by {@code web/}.</li>
 * <li>{@link org.adminprovisioning.scim.ExternalIds}: each connector's {@code externalId} per admin.</li>
 * </ul>
 *
 * <p>Who may call: {@code auth/ScimSecurityConfig} (connectors' hashed secrets, Cognito
 * client-credentials tokens, the throttle); how to connect an identity provider: {@code docs/scim.md}.
 */
package org.adminprovisioning.scim;
