package org.twostep.audit;

/** Whether an audited step went the user's way. */
public enum Outcome {
    SUCCESS,
    FAILURE
}
