// Verifies tokens with AWS's own verifier, aws-jwt-verify, as a web app's backend would in local
// development: the pool id and app client id it is configured with, and the key set the service serves
// at /<poolId>/.well-known/jwks.json supplied to it (cacheJwks) instead of fetched from AWS.
// Input: a JSON file {userPoolId, clientId, jwks, jwksUri, tokens: {name: jwt}}.
// Output: one JSON object on stdout, {name: {valid, tokenUse, username, error}} per token and verifier.
import { readFileSync } from "node:fs";
import { CognitoJwtVerifier, JwtRsaVerifier } from "aws-jwt-verify";

const input = JSON.parse(readFileSync(process.argv[2], "utf8"));

function cognito(tokenUse, clientId) {
  const verifier = CognitoJwtVerifier.create({ userPoolId: input.userPoolId, tokenUse, clientId });
  verifier.cacheJwks(input.jwks);
  return verifier;
}

// The generic verifier, with the issuer and the JWKS URI explicit, as for any OpenID provider.
const generic = JwtRsaVerifier.create({
  issuer: `https://cognito-idp.${input.userPoolId.split("_")[0]}.amazonaws.com/${input.userPoolId}`,
  audience: null,
  jwksUri: input.jwksUri,
  customJwtCheck: ({ payload }) => {
    if (payload.token_use !== "access" || payload.client_id !== input.clientId) {
      throw new Error("not an access token of our app client");
    }
  },
});
generic.cacheJwks(input.jwks);

const verifiers = {
  access: cognito("access", input.clientId),
  id: cognito("id", input.clientId),
  otherClient: cognito("access", "some-other-app-client"),
  generic,
};

const results = {};
for (const [tokenName, token] of Object.entries(input.tokens)) {
  for (const [verifierName, verifier] of Object.entries(verifiers)) {
    try {
      const payload = await verifier.verify(token);
      results[`${tokenName}/${verifierName}`] = {
        valid: true,
        tokenUse: payload.token_use,
        username: payload.username ?? payload["cognito:username"],
      };
    } catch (error) {
      results[`${tokenName}/${verifierName}`] = { valid: false, error: error.constructor.name };
    }
  }
}
process.stdout.write(JSON.stringify(results));
