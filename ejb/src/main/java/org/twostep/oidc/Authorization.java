package org.twostep.oidc;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.twostep.account.SignedIn;
import org.twostep.audit.Method;

/**
 * What a sign-in authorized one client to know, carried from the authorization code to the grant
 * its redemption opens: the account, the TwoStep session ({@code sid}), the scope, when and how the
 * second factor was proven, and the issuer the tokens name. The same columns in {@code oidc_code}
 * and {@code oidc_grant}.
 */
@Embeddable
public class Authorization {

    @Column(name = "client_id", nullable = false, length = 64)
    private String clientId;

    @Column(name = "account_id", nullable = false)
    private long accountId;

    /** The TwoStep session the code was issued in. */
    @Column(length = 43)
    private String sid;

    @Column(nullable = false, length = 512)
    private String scope;

    @Column(name = "auth_time", nullable = false)
    private Instant authTime;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private Method method;

    @Column(nullable = false, length = 512)
    private String issuer;

    protected Authorization() {
    }

    Authorization(String clientId, SignedIn who, String scope, String issuer) {
        this.clientId = clientId;
        this.accountId = who.accountId();
        this.sid = who.sessionId();
        this.scope = scope;
        this.authTime = who.secondFactorAt();
        this.method = who.secondFactor();
        this.issuer = issuer;
    }

    /** The same facts, for another row (a value is never shared between two entities). */
    Authorization copy() {
        Authorization copy = new Authorization();
        copy.clientId = clientId;
        copy.accountId = accountId;
        copy.sid = sid;
        copy.scope = scope;
        copy.authTime = authTime;
        copy.method = method;
        copy.issuer = issuer;
        return copy;
    }

    String clientId() {
        return clientId;
    }

    long accountId() {
        return accountId;
    }

    String sid() {
        return sid;
    }

    String scope() {
        return scope;
    }

    Instant authTime() {
        return authTime;
    }

    Method method() {
        return method;
    }

    String issuer() {
        return issuer;
    }
}
