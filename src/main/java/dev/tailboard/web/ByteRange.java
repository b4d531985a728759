package dev.tailboard.web;

import io.micronaut.core.annotation.Nullable;

/**
 * One byte range of a {@code Range: bytes=…} header: {@code a-b}, {@code a-} or {@code -n}. A header in
 * another unit, with several ranges or malformed is ignored (the whole file is sent), as RFC 9110 allows.
 */
record ByteRange(long start, long length, boolean unsatisfiable) {

    @Nullable
    static ByteRange parse(@Nullable String header, long size) {
        if (header == null || !header.trim().startsWith("bytes=")) {
            return null;
        }
        String spec = header.trim().substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.indexOf(',') >= 0) {
            return null;
        }
        String first = spec.substring(0, dash).trim();
        String last = spec.substring(dash + 1).trim();
        try {
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                if (suffix <= 0) {
                    return suffix == 0 ? new ByteRange(0, 0, true) : null;
                }
                long length = Math.min(suffix, size);
                return size == 0 ? new ByteRange(0, 0, true) : new ByteRange(size - length, length, false);
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
            if (start < 0 || end < start) {
                return null;
            }
            if (start >= size) {
                return new ByteRange(start, 0, true);
            }
            return new ByteRange(start, Math.min(end, size - 1) - start + 1, false);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
