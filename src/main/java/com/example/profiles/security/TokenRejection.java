package com.example.profiles.security;

import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.InvalidJwtSignatureException;
import org.jose4j.lang.JoseException;

/**
 * Says which check a rejected bearer token failed (expired, not yet valid, foreign issuer, bad
 * signature, not a JWT), so that a caller can fix it. It names the check, never a key, a claim
 * value or the token itself.
 */
final class TokenRejection {

    static final String PREFIX = "the bearer token is not accepted: ";

    private TokenRejection() {
    }

    static String detail(Throwable failure) {
        return PREFIX + reason(failure);
    }

    private static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidJwtSignatureException || t instanceof InvalidJwtException jwt
                    && jwt.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
                return "its signature does not verify with this service's public key (signed with another key?)";
            }
            if (t instanceof InvalidJwtException jwt) {
                if (jwt.hasExpired()) {
                    return "it has expired (exp is in the past)";
                }
                if (jwt.hasErrorCode(ErrorCodes.ISSUER_INVALID) || jwt.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
                    return "its issuer (iss) is not the one this service accepts (MP_JWT_VERIFY_ISSUER)";
                }
                if (jwt.hasErrorCode(ErrorCodes.NOT_YET_VALID) || jwt.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
                    return "it is not valid yet (nbf or iat is in the future)";
                }
                if (jwt.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
                    return "it has no expiry (exp)";
                }
                if (jwt.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
                    return "it is not signed (or not signed with RS256)";
                }
                if (jwt.hasErrorCode(ErrorCodes.MALFORMED_CLAIM) || jwt.hasErrorCode(ErrorCodes.JSON_INVALID)
                        || jwt.hasErrorCode(ErrorCodes.MISCELLANEOUS)) {
                    return "it is not a well-formed signed JWT";
                }
            }
            if (t instanceof JoseException) {
                return "it is not a well-formed signed JWT";
            }
        }
        return "it failed verification (signature, issuer or expiry)";
    }
}
