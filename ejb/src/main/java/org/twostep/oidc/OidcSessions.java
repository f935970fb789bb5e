package org.twostep.oidc;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which clients were given tokens in which TwoStep session: recorded at each token response, taken
 * (read and deleted at once) when the session ends, so that each client is told once.
 *
 * <pre>{@code
 * sessions.given(code, now);                    // at the token endpoint
 * List<SessionClient> told = sessions.take(sid); // when the session ends
 * }</pre>
 */
@Stateless
public class OidcSessions {

    @Inject
    EntityManager em;

    /** Records that the client of this code was given tokens in the code's session (a code from before sids had none). */
    public void given(AuthorizationCode code, Instant now) {
        if (code.sid() != null) {
            em.persist(new SessionClient(code.sid(), code.clientId(), code.accountId(), code.issuer(), now));
        }
    }

    /** The clients given tokens in this session, each once, forgotten as they are read. */
    public List<SessionClient> take(String sid) {
        List<SessionClient> given = em.createQuery("select s from SessionClient s where s.sid = :sid order by s.id",
                        SessionClient.class)
                .setParameter("sid", sid)
                .getResultList();
        em.createQuery("delete from SessionClient s where s.sid = :sid").setParameter("sid", sid).executeUpdate();
        Set<String> seen = new HashSet<>();
        return given.stream().filter(held -> seen.add(held.clientId())).toList();
    }

    /** Forgets the records of sessions older than {@code before}: those that ended without telling (the sweeper's work). */
    public int purgeOlderThan(Instant before) {
        return em.createQuery("delete from SessionClient s where s.createdAt < :before")
                .setParameter("before", before)
                .executeUpdate();
    }
}
