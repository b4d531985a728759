package dev.tailboard.access;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The names this server answers to, so that a page whose name was made to resolve to this machine (DNS
 * rebinding) is not taken for one of its own: {@code localhost}, any loopback address, this machine's own names
 * and addresses, and {@code tailboard.allowed-hosts} ({@code *}: any name, for a proxy that checks names itself).
 */
@Singleton
public class ServerNames {

    private static final Logger LOG = LoggerFactory.getLogger(ServerNames.class);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+]");

    private final boolean any;
    private final Set<String> names;
    /** Addresses found on an interface of this machine, as they are named (a lease may change them while it runs). */
    private final Set<InetAddress> ownAddresses = ConcurrentHashMap.newKeySet();

    public ServerNames(ConnectionSettings settings) {
        this.any = settings.getAllowedHosts().contains("*");
        Set<String> known = new HashSet<>();
        known.add("localhost");
        settings.getAllowedHosts().forEach(host -> known.add(normal(withoutPort(host))));
        known.addAll(machineNames());
        this.names = Set.copyOf(known);
    }

    /** True for a {@code Host} (with or without its port) this server answers to; no {@code Host}, no name to check. */
    public boolean answersTo(@Nullable String host) {
        if (any || host == null || host.isBlank()) {
            return true;
        }
        String name = normal(withoutPort(host.trim()));
        return names.contains(name) || isOwnAddress(name);
    }

    private boolean isOwnAddress(String name) {
        InetAddress address = literal(name);
        if (address == null) {
            return false;
        }
        if (address.isLoopbackAddress() || ownAddresses.contains(address)) {
            return true;
        }
        try {
            if (NetworkInterface.getByInetAddress(address) != null) {
                ownAddresses.add(address);
                return true;
            }
        } catch (IOException e) {
            LOG.debug("The interfaces cannot be listed: {}", e.getMessage());
        }
        return false;
    }

    /** The address a name writes literally ({@code 10.0.0.5}, {@code [fd00::2]}), never looked up; else null. */
    @Nullable
    private static InetAddress literal(String name) {
        try {
            if (IPV4.matcher(name).matches()) {
                String[] parts = name.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int part = Integer.parseInt(parts[i]);
                    if (part > 255) {
                        return null;
                    }
                    bytes[i] = (byte) part;
                }
                return InetAddress.getByAddress(bytes);
            }
            // in brackets, the JDK parses an IPv6 literal or refuses it, and never asks a name server
            return IPV6.matcher(name).matches() ? InetAddress.getByName(name) : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    /** Names are case-insensitive, and {@code name.} is the same name as {@code name}. */
    private static String normal(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static Set<String> machineNames() {
        Set<String> found = new HashSet<>();
        try {
            InetAddress self = InetAddress.getLocalHost();
            found.add(normal(self.getHostName()));
            found.add(normal(self.getCanonicalHostName()));
        } catch (UnknownHostException e) {
            LOG.info("This machine's name does not resolve ({}): it answers to localhost, its addresses and "
                    + "tailboard.allowed-hosts", e.getMessage());
        }
        return found;
    }
}
