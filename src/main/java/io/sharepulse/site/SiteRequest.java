package io.sharepulse.site;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What an admin sends to create ({@code POST}) or replace ({@code PUT}) a site. Options left out take their
 * defaults.
 *
 * @param id                lower-case slug, fixed forever (only read on create)
 * @param domains           host names whose pages may get share links, e.g. {@code example.com}
 * @param includeSubdomains whether {@code blog.example.com} counts as {@code example.com}
 * @param networks          network ids (or aliases) in bar order; default: a common modern set
 * @param theme             {@code light}, {@code dark} or {@code auto}
 * @param dedupeMinutes     one visitor's repeated clicks on one button count once within this window (0: off)
 * @param honourDnt         when a reader sends DNT or GPC, count the click without any visitor hash
 * @param minCount          counts below this are hidden from the public (the admin API still sees them)
 * @param via               handle without @ for networks that credit the author (X)
 * @param hashtags          comma-separated tags without # for networks that take them
 * @param queryParams       query parameters that make another page (e.g. {@code ["p","id"]}); the others are dropped
 *                          from page URLs; default none; {@code ["*"]} keeps all but tracking ones
 * @param mediaDomains      hosts besides {@code domains} whose images posts may name (an image CDN), with their
 *                          subdomains; default none
 * @param tagLinks          the links handed to networks carry {@code ?sp=<network>} so arrivals can be counted
 *                          (default true); false gives untagged links
 */
public record SiteRequest(
        @Pattern(regexp = SiteRequest.ID_PATTERN, message = "must be a lower-case slug of letters, digits and dashes (at most 40)")
        String id,
        @NotBlank @Size(max = 100) String name,
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 253) String> domains,
        Boolean includeSubdomains,
        @Size(min = 1, max = 40) List<@NotBlank @Size(max = 40) String> networks,
        @Pattern(regexp = "light|dark|auto", message = "must be light, dark or auto") String theme,
        @Min(0) @Max(1440) Integer dedupeMinutes,
        Boolean honourDnt,
        @Min(0) @Max(1_000_000) Integer minCount,
        @Pattern(regexp = "[A-Za-z0-9_]{1,15}", message = "must be a handle without @ (letters, digits, _; at most 15)") String via,
        @Pattern(regexp = "[\\p{L}\\p{N}_]{1,50}(,[\\p{L}\\p{N}_]{1,50}){0,9}", message = "must be up to 10 comma-separated tags without #") String hashtags,
        @Size(max = 20) List<@NotNull @Pattern(regexp = "\\*|[A-Za-z0-9._~-]{1,64}", message = "must be a parameter name (letters, digits, . _ ~ -; at most 64) or *") String> queryParams,
        @Size(max = 20) List<@NotBlank @Size(max = 253) String> mediaDomains,
        Boolean tagLinks) {

    public static final String ID_PATTERN = "[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?";
    /** {@link #ID_PATTERN} compiled once: it is checked on every click. */
    public static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile(ID_PATTERN);

}
