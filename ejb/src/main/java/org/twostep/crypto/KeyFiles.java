package org.twostep.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Key files in the server's data directory ({@code twostep/...}), readable by their owner only:
 * where TwoStep keeps the keys it generated itself when none is configured.
 *
 * <pre>{@code
 * Path file = KeyFiles.path("secret.key");
 * if (!Files.exists(file)) { KeyFiles.create(file, newKeyText); }
 * String text = KeyFiles.read(file);
 * }</pre>
 */
public final class KeyFiles {

    private KeyFiles() {
    }

    /** {@code name} in TwoStep's folder of the server's data directory. */
    public static Path path(String name) {
        return Path.of(System.getProperty("jboss.server.data.dir", "."), "twostep", name);
    }

    /**
     * Makes TwoStep's folder of the data directory (the key files, and the embedded database's files)
     * its owner's only: the folder rwx------, each file in it rw-------, where the file system has POSIX
     * permissions. The database creates its files with the process's umask; the folder guards those it
     * makes later.
     */
    public static void restrictFolder() {
        Path folder = path("");
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            try (var files = Files.list(folder)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + folder + " owner-only", e);
        }
    }

    /** Creates the file, owner-only (rw-------) where the file system has POSIX permissions, with this text. */
    public static void create(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the key file " + file, e);
        }
    }

    /** Replaces the file's text at once (a new owner-only file moved over it), so a crash leaves the old or the new. */
    public static void replace(Path file, String text) {
        Path next = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.deleteIfExists(next);
            create(next, text);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace the key file " + file, e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key file " + file, e);
        }
    }
}
