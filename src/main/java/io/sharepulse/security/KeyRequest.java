package io.sharepulse.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What an admin sends to create a key.
 *
 * @param name      what the key is for, e.g. "dashboard" or "weekly report"
 * @param role      {@code read} (analytics only) or {@code admin} (also the site and its keys)
 * @param rateLimit requests per minute; default and maximum {@code sharepulse.keys.rate-limit}
 */
public record KeyRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull @Pattern(regexp = "read|admin", message = "must be read or admin") String role,
        @Min(1) Integer rateLimit) {
}
