#!/bin/sh
# Creates the local user pool in moto for compose.yaml (once per moto start): a pool whose sign-in
# attribute is the email, an app client with USER_PASSWORD_AUTH and refresh tokens, the admins group,
# and the first admin with a permanent password, which the service adopts on start. Writes the pool's
# ids where the service reads them (SPRING_CONFIG_IMPORT), as the variables it expects.
# Needs: ENDPOINT, OUT (a file), ADMIN_EMAIL, ADMIN_PASSWORD; dummy AWS credentials and AWS_REGION.
set -eu

cognito() { aws --endpoint-url "$ENDPOINT" cognito-idp "$@"; }

POOL_ID=$(cognito create-user-pool --pool-name admin-provisioning --username-attributes email \
  --auto-verified-attributes email --query UserPool.Id --output text)
CLIENT_ID=$(cognito create-user-pool-client --user-pool-id "$POOL_ID" --client-name admin-provisioning-service \
  --explicit-auth-flows ALLOW_USER_PASSWORD_AUTH ALLOW_REFRESH_TOKEN_AUTH \
  --query UserPoolClient.ClientId --output text)
cognito create-group --user-pool-id "$POOL_ID" --group-name admins >/dev/null
cognito admin-create-user --user-pool-id "$POOL_ID" --username "$ADMIN_EMAIL" --message-action SUPPRESS \
  --user-attributes Name=email,Value="$ADMIN_EMAIL" Name=email_verified,Value=true >/dev/null
cognito admin-set-user-password --user-pool-id "$POOL_ID" --username "$ADMIN_EMAIL" \
  --password "$ADMIN_PASSWORD" --permanent
cognito admin-add-user-to-group --user-pool-id "$POOL_ID" --username "$ADMIN_EMAIL" --group-name admins

cat > "$OUT" <<PROPERTIES
COGNITO_USER_POOL_ID=$POOL_ID
COGNITO_CLIENT_ID=$CLIENT_ID
COGNITO_ISSUER=https://cognito-idp.${AWS_REGION}.amazonaws.com/$POOL_ID
COGNITO_JWK_SET_URI=$ENDPOINT/$POOL_ID/.well-known/jwks.json
PROPERTIES
echo "Pool $POOL_ID, app client $CLIENT_ID, first admin $ADMIN_EMAIL: written to $OUT"
