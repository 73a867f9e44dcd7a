package io.attendance.notifier.deliver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Letters and manifests carry names and addresses: the folders and files the outbox creates are
 * its own user's only, set as they are created so there is no moment anyone else could open them.
 * A file system without POSIX permissions keeps its own defaults. (Subject access exports are written the same way.)
 */
public final class OwnerOnly {
    private OwnerOnly() {
    }

    /** Not returning the path: Files.createDirectories answers an absolute one when it made parents. */
    public static void directories(Path dir) throws IOException {
        Files.createDirectories(dir, permissions(dir, "rwx------"));
    }

    /** For creating a file: with {@link Files#createFile} or {@link Files#newByteChannel}. */
    public static FileAttribute<?>[] file(Path file) {
        return permissions(file, "rw-------");
    }

    private static FileAttribute<?>[] permissions(Path p, String rwx) {
        if (!p.getFileSystem().supportedFileAttributeViews().contains("posix")) return new FileAttribute<?>[0];
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(rwx))};
    }
}
