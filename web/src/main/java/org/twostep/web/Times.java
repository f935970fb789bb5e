package org.twostep.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.twostep.config.Settings;

/**
 * Moments as the pages show them: "1 Dec 2026, 07:02 UTC", in {@code twostep.time-zone} (the
 * server's unless set), the zone named; and the ISO form a {@code <time>} element carries, which
 * the page's script shows in the reader's own zone. Used through {@code <tw:when at="..."/>}.
 */
@Named
@ApplicationScoped
public class Times {

    @Inject
    Settings settings;

    private DateTimeFormatter text;

    public String text(Instant at) {
        if (text == null) {
            text = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH).withZone(settings.timeZone());
        }
        return text.format(at);
    }

    public String iso(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at);
    }
}
