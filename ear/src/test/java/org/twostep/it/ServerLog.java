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

    private static final Path MAIN = Path.of(System.getProperty("twostep.it.base.dir"), "log", "server.log");

    private ServerLog() {
    }

    /** A mark in the log of the main test server. */
    static Mark mark() {
        return mark(MAIN);
    }

    /** A mark in the log of the server with this base directory. */
    static Mark markOf(String serverBaseDir) {
        return mark(Path.of(serverBaseDir, "log", "server.log"));
    }

    private static Mark mark(Path file) {
        return new Mark(file, lines(file).size());
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Mark(Path file, int line) {

        /** The lines written since the mark. */
        List<String> since() {
            List<String> all = lines(file);
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
