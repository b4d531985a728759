package dev.tailboard.jobs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;

/** The folders below the logs folder that {@linkplain JobId#mayHoldJobs may hold jobs}, and their files. */
final class JobFolders {

    private JobFolders() {
    }

    /**
     * Calls {@code onFolder} for {@code dir} and every folder below it that may hold jobs, and {@code onFile} for
     * every regular file in them; symbolic links are never followed, and what cannot be read is passed over.
     */
    static void walk(Path dir, Consumer<Path> onFolder, Consumer<Path> onFile) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
                if (!JobId.mayHoldJobs(dir, folder)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                onFolder.accept(folder);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    onFile.accept(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
