package dev.tailboard.bench;

import java.util.Arrays;

/** A growable byte array that shrinks back once a large message is done with, so that 10,000 connections stay small. */
final class Bytes {

    private static final int KEPT = 4096;

    private byte[] array = new byte[256];
    private int length;

    byte[] array() {
        return array;
    }

    int length() {
        return length;
    }

    void append(byte[] buf, int off, int len) {
        ensure(len);
        System.arraycopy(buf, off, array, length, len);
        length += len;
    }

    void append(byte b) {
        ensure(1);
        array[length++] = b;
    }

    /** Empties it, giving back the memory of a large message. */
    void clear() {
        length = 0;
        if (array.length > KEPT) {
            array = new byte[256];
        }
    }

    private void ensure(int more) {
        if (length + more > array.length) {
            array = Arrays.copyOf(array, Math.max(array.length * 2, length + more));
        }
    }
}
