package io.ailanes.engine.residency;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The documented processing regions of the major public endpoints, by host, from the bundled {@code regions.json}: each
 * entry names the page of the provider's own documentation it comes from, and the file its date. Only a host's exact
 * name matches: a proxy, a gateway or a self-hosted server in front of a provider has no region here.
 */
public final class RegionCatalog {

    private static final String BUNDLED = "/io/ailanes/engine/residency/regions.json";

    /**
     * One endpoint.
     *
     * @param host the API host, e.g. {@code api.deepseek.com}
     * @param regions where it processes prompts and completions
     * @param source the provider's page that says so
     * @param note what the page says, in short, and its limits
     */
    public record Endpoint(String host, List<String> regions, String source, String note) {

        public Endpoint {
            regions = DataRegions.normalize(regions);
        }
    }

    private final LocalDate asOf;
    private final Map<String, Endpoint> byHost;

    private RegionCatalog(LocalDate asOf, List<Endpoint> endpoints) {
        this.asOf = asOf;
        Map<String, Endpoint> hosts = new LinkedHashMap<>();
        endpoints.forEach(e -> hosts.put(e.host().toLowerCase(Locale.ROOT), e));
        this.byHost = hosts;
    }

    /** The catalog that ships with AI Lanes. */
    public static RegionCatalog bundled() {
        return Bundled.CATALOG;
    }

    public static RegionCatalog of(LocalDate asOf, List<Endpoint> endpoints) {
        return new RegionCatalog(asOf, endpoints);
    }

    /** The endpoint a base URL points at, if its host is listed. */
    public Optional<Endpoint> find(String baseUrl) {
        if (baseUrl == null) {
            return Optional.empty();
        }
        try {
            String host = URI.create(baseUrl.strip()).getHost();
            return host == null ? Optional.empty() : Optional.ofNullable(byHost.get(host.toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** When the regions were last checked against the providers' pages. */
    public LocalDate asOf() {
        return asOf;
    }

    public List<Endpoint> endpoints() {
        return List.copyOf(byHost.values());
    }

    private static final class Bundled {
        static final RegionCatalog CATALOG = load();

        private static RegionCatalog load() {
            try (InputStream in = RegionCatalog.class.getResourceAsStream(BUNDLED)) {
                if (in == null) {
                    throw new IllegalStateException("the bundled region catalog " + BUNDLED + " is missing");
                }
                JsonNode root = Json.MAPPER.readTree(in);
                List<Endpoint> endpoints = new ArrayList<>();
                for (JsonNode e : root.path("endpoints")) {
                    List<String> regions = new ArrayList<>();
                    e.path("regions").forEach(r -> regions.add(r.asText()));
                    endpoints.add(new Endpoint(e.path("host").asText(), regions, e.path("source").asText(),
                            e.path("note").asText()));
                }
                return new RegionCatalog(LocalDate.parse(root.path("asOf").asText()), endpoints);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled region catalog: " + e.getMessage(), e);
            }
        }
    }
}
