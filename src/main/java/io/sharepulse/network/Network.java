package io.sharepulse.network;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of the network catalog ({@code networks/networks.json}).
 *
 * @param id               stable lower-case id used in URLs and counts
 * @param name             display name
 * @param status           {@code active} or {@code retired}
 * @param kind             {@code link} (a web share page), {@code app} (a URL scheme such as mailto:),
 *                         {@code picker} (needs the reader's own instance), {@code action} (a widget button
 *                         counted through the events API, no template)
 * @param template         share URL template; placeholders are percent-encoded on expansion
 * @param instanceTemplate for pickers: the template once the reader's instance is known
 * @param retired          when the service closed (ISO 8601, year or month precision where the day is unknown)
 * @param successor        where a click on a retired network goes instead, if anywhere
 * @param aliases          other ids old embeds may use
 * @param notes            what a site owner should know
 * @param bar2008          how the 2008 share bar this product began from linked to it
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Network(String id, String name, String status, String kind, String template, String instanceTemplate,
        String retired, String successor, List<String> aliases, String notes, Legacy bar2008) {

    public static final String ACTIVE = "active";
    public static final String RETIRED = "retired";

    /** The entry of the 2008 share bar. */
    public record Legacy(String name, String template) {
    }

    @JsonIgnore
    public boolean isActive() {
        return ACTIVE.equals(status);
    }

    /** Widget actions (copy, webshare) have no share page to redirect to. */
    @JsonIgnore
    public boolean isAction() {
        return "action".equals(kind);
    }
}
