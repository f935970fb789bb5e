package org.twostep.challenge;

import java.io.Serializable;

/** What the web tier keeps of an open challenge: its id, and whether it is for enrollment. */
public record ChallengeTicket(String id, PendingChallenge.Purpose purpose) implements Serializable {
}
