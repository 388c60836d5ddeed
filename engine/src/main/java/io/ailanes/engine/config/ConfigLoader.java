package io.ailanes.engine.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ailanes.engine.price.Suggestions;
import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderConfig.TokenLimitField;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.RetryPolicy;
import io.ailanes.engine.provider.Timeouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Reads {@code ai-lanes.yaml} (YAML or JSON) and turns it into provider configurations, reporting every problem at once. */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private ConfigLoader() {}

    /**
     * Reads the file. Every unknown field is reported together with every problem of the rest of the configuration
     * (as {@link ValidatedConfig#problems} finds them), so one run names them all.
     *
     * @throws ConfigException listing every problem with its path
     */
    public static AiLanesConfig read(Path file) {
        List<String> unknown = new ArrayList<>();
        ObjectMapper reader = YAML.copy().addHandler(new UnknownFields(unknown));
        try {
            AiLanesConfig config = reader.readValue(Files.readAllBytes(file), AiLanesConfig.class);
            if (!unknown.isEmpty()) {
                List<String> problems = new ArrayList<>(unknown);
                problems.addAll(ValidatedConfig.problems(config, file));
                throw new ConfigException(file.toString(), problems);
            }
            return config;
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), List.of("file not found"));
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds() == null ? List.of()
                    : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            throw new ConfigException(file.toString(), List.of(pathOf(e) + ": unknown field '" + e.getPropertyName() + "'"
                    + Suggestions.closest(e.getPropertyName(), known).map(s -> "; did you mean '" + s + "'?").orElse("")
                    + "; known fields: " + String.join(", ", known)));
        } catch (JsonProcessingException e) {
            throw new ConfigException(file.toString(), List.of(pathOf(e) + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
    }

    /** Records an unknown field, with its path, a suggestion and the known fields, and reads on. */
    private static final class UnknownFields extends com.fasterxml.jackson.databind.deser.DeserializationProblemHandler {

        private final List<String> problems;

        UnknownFields(List<String> problems) {
            this.problems = problems;
        }

        @Override
        public boolean handleUnknownProperty(com.fasterxml.jackson.databind.DeserializationContext context,
                com.fasterxml.jackson.core.JsonParser parser, com.fasterxml.jackson.databind.JsonDeserializer<?> deserializer,
                Object beanOrClass, String name) throws IOException {
            List<String> known = deserializer == null || deserializer.getKnownPropertyNames() == null ? List.of()
                    : deserializer.getKnownPropertyNames().stream().map(String::valueOf).sorted().toList();
            // At a nested value the parser is already inside it: the field is named by the enclosing object context.
            var at = parser.getParsingContext();
            while (at.getParent() != null && !(at.inObject() && name.equals(at.getCurrentName()))) {
                at = at.getParent();
            }
            problems.add(path(at.pathAsPointer().toString()) + ": unknown field '" + name + "'"
                    + Suggestions.closest(name, known).map(s -> "; did you mean '" + s + "'?").orElse("")
                    + "; known fields: " + String.join(", ", known));
            parser.skipChildren();
            return true;
        }

        /** {@code providers[0].retry} for the JSON pointer {@code /providers/0/retry}. */
        private static String path(String pointer) {
            StringBuilder path = new StringBuilder();
            for (String part : pointer.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                if (part.chars().allMatch(Character::isDigit)) {
                    path.append('[').append(part).append(']');
                } else {
                    path.append(path.length() == 0 ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
                }
            }
            return path.toString();
        }
    }

    private static String pathOf(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (var ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            return path.toString();
        }
        var location = e.getLocation();
        return location == null ? "(document)" : "line " + location.getLineNr();
    }

    /**
     * The provider configurations, with credentials resolved.
     *
     * @throws ConfigException listing every invalid field and missing credential
     */
    public static Map<String, ProviderConfig> providers(AiLanesConfig config, Secrets secrets, String source) {
        return providers(config, secrets, source, null);
    }

    /**
     * The provider configurations, with credentials resolved for the providers in {@code used}: a key is needed only
     * where a call can go. A provider no lane uses is configured without its key (nothing calls it).
     *
     * @param used the provider ids the configuration's lanes name, or null for every provider
     * @throws ConfigException listing every invalid field and every missing credential of a used provider
     */
    public static Map<String, ProviderConfig> providers(AiLanesConfig config, Secrets secrets, String source,
            Set<String> used) {
        List<String> problems = new ArrayList<>();
        Map<String, ProviderConfig> result = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < config.providers().size(); i++) {
            ProviderSettings p = config.providers().get(i);
            String path = "providers[" + i + "]";
            if (p == null) {
                problems.add(path + ": empty entry");
                continue;
            }
            if (p.id() != null && !seen.add(p.id())) {
                problems.add(path + ".id: duplicate provider id '" + p.id() + "'");
            }
            int before = problems.size();
            ProviderKind kind = field(problems, path + ".kind", p.kind(), ProviderKind::of);
            Timeouts timeouts = timeouts(problems, path + ".timeouts", p.timeouts());
            RetryPolicy retry = retry(problems, path + ".retry", p.retry());
            TokenLimitField tokenField = p.tokenLimitField() == null ? null : field(problems,
                    path + ".tokenLimitField", p.tokenLimitField(),
                    v -> enumValue(TokenLimitField.class, v, "auto, max_tokens or max_completion_tokens"));
            ProviderConfig.StructuredOutput structured = p.structuredOutput() == null ? null : field(problems,
                    path + ".structuredOutput", p.structuredOutput(), v -> enumValue(ProviderConfig.StructuredOutput.class, v,
                            "json_schema, json_object or none"));
            ApiKey key = ApiKey.NONE;
            boolean needed = used == null || used.contains(p.id());
            if (needed && p.credentialsId() != null && !p.credentialsId().isBlank()) {
                var value = secrets.resolve(p.credentialsId());
                if (value.isEmpty()) {
                    problems.add(path + ".credentialsId: credential '" + p.credentialsId()
                            + "' is not set (CLI: export an environment variable of that name;"
                            + " Jenkins: add a Secret text credential with that id)");
                } else {
                    key = ApiKey.of(value.get());
                }
            }
            if (problems.size() > before || kind == null) {
                if (kind == null && problems.size() == before) {
                    problems.add(path + ".kind: missing; use openai, anthropic or gemini");
                }
                continue;
            }
            try {
                ProviderConfig built = new ProviderConfig(
                        p.id(), kind, p.baseUrl(), key, p.headers(), timeouts, retry, tokenField, structured);
                result.put(built.id(), built);
            } catch (IllegalArgumentException e) {
                problems.add(path + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return result;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String allowed) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not one of " + allowed);
        }
    }

    private static Timeouts timeouts(List<String> problems, String path, ProviderSettings.TimeoutSettings t) {
        if (t == null) {
            return null;
        }
        Timeouts d = Timeouts.DEFAULT;
        Duration connect = duration(problems, path + ".connect", t.connect(), d.connect());
        Duration firstByte = duration(problems, path + ".firstByte", t.firstByte(), d.firstByte());
        Duration idle = duration(problems, path + ".idle", t.idle(), d.idle());
        Duration total = duration(problems, path + ".total", t.total(), d.total());
        try {
            return new Timeouts(connect, firstByte, idle, total);
        } catch (IllegalArgumentException e) {
            problems.add(path + ": " + e.getMessage());
            return null;
        }
    }

    private static RetryPolicy retry(List<String> problems, String path, ProviderSettings.RetrySettings r) {
        if (r == null) {
            return null;
        }
        RetryPolicy d = RetryPolicy.DEFAULT;
        try {
            return new RetryPolicy(
                    r.maxAttempts() == null ? d.maxAttempts() : r.maxAttempts(),
                    duration(problems, path + ".initialBackoff", r.initialBackoff(), d.initialBackoff()),
                    duration(problems, path + ".maxBackoff", r.maxBackoff(), d.maxBackoff()),
                    r.jitter() == null ? d.jitter() : r.jitter(),
                    duration(problems, path + ".maxRetryAfter", r.maxRetryAfter(), d.maxRetryAfter()));
        } catch (IllegalArgumentException e) {
            problems.add(path + ": " + e.getMessage());
            return null;
        }
    }

    private static Duration duration(List<String> problems, String path, String text, Duration fallback) {
        if (text == null) {
            return fallback;
        }
        Duration value = field(problems, path, text, Durations::parse);
        return value == null ? fallback : value;
    }

    private static <T> T field(List<String> problems, String path, String text, Function<String, T> parse) {
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            problems.add(path + ": " + e.getMessage());
            return null;
        }
    }
}
