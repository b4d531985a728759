package dev.tailboard.bench;

import java.util.Arrays;

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
    private byte[] line = new byte[256];
    private int lineLength;
    private byte[] data = new byte[256];
    private int dataLength;
    private boolean hasData;
    private byte[] name = new byte[16];
    private int nameLength;
    private long lastId = -1;

    SseParser(Handler handler) {
        this.handler = handler;
    }

    byte[] data() {
        return data;
    }

    int dataLength() {
        return dataLength;
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
                append(buf, start, i - start);
                int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                field(length, now);
                lineLength = 0;
                start = i + 1;
            }
        }
        append(buf, start, end - start);
    }

    private void append(byte[] buf, int off, int len) {
        if (lineLength + len > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + len));
        }
        System.arraycopy(buf, off, line, lineLength, len);
        lineLength += len;
    }

    private void field(int length, long now) {
        if (length == 0) {
            if (hasData) {
                handler.event(this, now);
            }
            dataLength = 0;
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
        if (is("data", colon)) {
            if (hasData) {
                ensureData(1);
                data[dataLength++] = '\n';
            }
            ensureData(valueLength);
            System.arraycopy(line, value, data, dataLength, valueLength);
            dataLength += valueLength;
            hasData = true;
        } else if (is("id", colon)) {
            lastId = number(value, valueLength);
        } else if (is("event", colon)) {
            if (valueLength > name.length) {
                name = new byte[valueLength];
            }
            System.arraycopy(line, value, name, 0, valueLength);
            nameLength = valueLength;
        }
    }

    private boolean is(String fieldName, int length) {
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

    private long number(int from, int length) {
        long value = 0;
        for (int i = from; i < from + length; i++) {
            if (line[i] < '0' || line[i] > '9') {
                return -1;
            }
            value = value * 10 + (line[i] - '0');
        }
        return length == 0 ? -1 : value;
    }

    private void ensureData(int more) {
        if (dataLength + more > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, dataLength + more));
        }
    }
}
