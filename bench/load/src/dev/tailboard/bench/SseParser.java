package dev.tailboard.bench;

/**
 * A server-sent events parser as the EventSource spec reads the stream: fields per line, an event at each
 * blank line, the last event id kept across events.
 */
final class SseParser {

    /** Receives each complete event. */
    interface Handler {
        void event(SseParser event, long now);
    }

    private final Handler handler;
    private final Bytes line = new Bytes();
    private final Bytes data = new Bytes();
    private boolean hasData;
    private byte[] name = new byte[16];
    private int nameLength;
    private long lastId = -1;

    SseParser(Handler handler) {
        this.handler = handler;
    }

    byte[] data() {
        return data.array();
    }

    int dataLength() {
        return data.length();
    }

    /** The last event id seen on this stream as a number, or -1. */
    long lastId() {
        return lastId;
    }

    boolean named(String expected) {
        if (nameLength == 0) {
            return "message".equals(expected);
        }
        if (expected.length() != nameLength) {
            return false;
        }
        for (int i = 0; i < nameLength; i++) {
            if (name[i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    void feed(byte[] buf, int off, int len, long now) {
        int end = off + len;
        int start = off;
        for (int i = off; i < end; i++) {
            if (buf[i] == '\n') {
                line.append(buf, start, i - start);
                byte[] text = line.array();
                int length = line.length() > 0 && text[line.length() - 1] == '\r' ? line.length() - 1 : line.length();
                field(text, length, now);
                line.clear();
                start = i + 1;
            }
        }
        line.append(buf, start, end - start);
    }

    private void field(byte[] line, int length, long now) {
        if (length == 0) {
            if (hasData) {
                handler.event(this, now);
            }
            data.clear();
            hasData = false;
            nameLength = 0;
            return;
        }
        int colon = 0;
        while (colon < length && line[colon] != ':') {
            colon++;
        }
        if (colon == 0) {
            return;
        }
        int value = colon + 1 < length && line[colon + 1] == ' ' ? colon + 2 : Math.min(colon + 1, length);
        int valueLength = length - value;
        if (is(line, "data", colon)) {
            if (hasData) {
                data.append((byte) '\n');
            }
            data.append(line, value, valueLength);
            hasData = true;
        } else if (is(line, "id", colon)) {
            lastId = number(line, value, valueLength);
        } else if (is(line, "event", colon)) {
            if (valueLength > name.length) {
                name = new byte[valueLength];
            }
            System.arraycopy(line, value, name, 0, valueLength);
            nameLength = valueLength;
        }
    }

    private static boolean is(byte[] line, String fieldName, int length) {
        if (length != fieldName.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (line[i] != fieldName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long number(byte[] line, int from, int length) {
        long value = 0;
        for (int i = from; i < from + length; i++) {
            if (line[i] < '0' || line[i] > '9') {
                return -1;
            }
            value = value * 10 + (line[i] - '0');
        }
        return length == 0 ? -1 : value;
    }

}
