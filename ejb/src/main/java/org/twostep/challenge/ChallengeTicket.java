package org.twostep.challenge;

import java.io.Serializable;
import org.twostep.factors.SecondFactorOptions;

/**
 * What the web tier keeps of an open challenge: its id, what it is for, and the second factors its
 * page offers (none for an enrollment).
 */
public record ChallengeTicket(String id, PendingChallenge.Purpose purpose, SecondFactorOptions options) implements Serializable {
}
