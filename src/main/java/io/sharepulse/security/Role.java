package io.sharepulse.security;

import java.util.Locale;
import java.util.Optional;

/** What a site key may do: {@code read} the analytics, or also {@code admin}ister its site and its keys. */
public enum Role {
    READ, ADMIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value) {
            case "read" -> Optional.of(READ);
            case "admin" -> Optional.of(ADMIN);
            default -> Optional.empty();
        };
    }

    /** Whether this role includes {@code needed}. */
    public boolean covers(Role needed) {
        return this == ADMIN || needed == READ;
    }
}
