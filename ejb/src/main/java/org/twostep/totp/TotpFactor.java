package org.twostep.totp;

import java.time.Instant;

/**
 * An active authenticator app as the account pages list it, with how far its clock was off at its
 * last accepted code ({@code clockOffsetSeconds}, negative: behind): known only from a code that
 * was right, so it tells the owner nothing a guesser could use.
 */
public record TotpFactor(long id, String nickname, Instant createdAt, Instant lastUsedAt, int clockOffsetSeconds) {

    /** From this far off, the owner is told to set the device's clock: codes still work, but barely. */
    public static final int NOTICEABLE_OFFSET_SECONDS = 60;

    /** Whether the device's clock is off enough to tell its owner. */
    public boolean clockIsOff() {
        return Math.abs(clockOffsetSeconds) >= NOTICEABLE_OFFSET_SECONDS;
    }

    /** The offset in words: "about 2 minutes behind", "about 90 seconds ahead". */
    public String clockOffsetText() {
        int seconds = Math.abs(clockOffsetSeconds);
        String size = seconds >= 120 && seconds % 60 == 0 ? "about " + seconds / 60 + " minutes" : "about " + seconds + " seconds";
        return size + (clockOffsetSeconds < 0 ? " behind" : " ahead");
    }
}
