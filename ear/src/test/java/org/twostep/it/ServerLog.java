package org.twostep.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The test server's log, as an operator reads it: what a step wrote since a mark.
 *
 * <pre>{@code
 * ServerLog.Mark mark = ServerLog.mark();
 * ... the step ...
 * assertEquals(List.of(), mark.errors());
 * assertEquals(List.of(), mark.linesContaining(passwordHash));
 * }</pre>
 */
final class ServerLog {

    private static final Path FILE = Path.of(System.getProperty("twostep.it.base.dir"), "log", "server.log");

    private ServerLog() {
    }

    static Mark mark() {
        return new Mark(lines().size());
    }

    static List<String> lines() {
        try {
            return Files.readAllLines(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Mark(int line) {

        /** The lines written since the mark. */
        List<String> since() {
            List<String> all = lines();
            return all.subList(Math.min(line, all.size()), all.size());
        }

        List<String> errors() {
            return since().stream().filter(l -> l.contains(" ERROR ")).toList();
        }

        /** The lines since the mark that contain any of these texts, ignoring case. */
        List<String> linesContaining(String... texts) {
            return since().stream().filter(l -> {
                for (String text : texts) {
                    if (l.toLowerCase().contains(text.toLowerCase())) {
                        return true;
                    }
                }
                return false;
            }).toList();
        }
    }
}
