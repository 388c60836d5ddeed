package io.ailanes.engine.budget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.Message;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Upper bounds on input tokens, so that a reservation is a true worst case.
 *
 * <p>OpenAI tokenizers are public: jtokkit counts them exactly. The others (Anthropic, Gemini, DeepSeek,
 * Qwen, GLM, Kimi) are bounded by {@code min(utf8Bytes + 1, ceil(1.5 × cl100kCount))}. The byte count is a
 * hard bound for byte-level BPE and byte-fallback SentencePiece tokenizers (a token covers at least one
 * byte; SentencePiece may add one leading-space piece); the 1.5 factor keeps the bound near reality for
 * text. Newer Claude tokenizers are documented to produce up to about a third more tokens than earlier
 * ones, which were close to cl100k on English and code, hence half again as many.
 *
 * <p>A request also costs framing tokens the text does not show. For OpenAI the chat format adds
 * {@value #OPENAI_PER_MESSAGE} per message (3 framing + 1 role) and {@value #OPENAI_REPLY} to prime the
 * reply (the published counting recipe); a structured-output schema adds its JSON plus
 * {@value #OPENAI_SCHEMA_FRAMING}. Other providers do not publish their framing: we charge
 * {@value #OTHER_PER_MESSAGE} per message and for the reply, and {@value #OTHER_SCHEMA_FRAMING} for a
 * schema, because Anthropic turns a schema or tools into a hidden system prompt (documented at about 350
 * tokens for tool use on Claude 4 models). EstimatorCalibrationTest checks these figures against every
 * wire fixture that carries both the request and the provider's reported input tokens.
 *
 * <p>These are the bounds with no history. {@link EstimatorCalibration} tightens the non-exact ones per provider
 * from what it reports, never below 0.8 of them nor above them.
 */
public final class TokenEstimator {

    static final int OPENAI_PER_MESSAGE = 4;
    static final int OPENAI_REPLY = 3;
    static final int OPENAI_SCHEMA_FRAMING = 16;
    static final int OTHER_PER_MESSAGE = 8;
    static final int OTHER_SCHEMA_FRAMING = 400;
    /** Safety factor over cl100k for tokenizers that are not public, as a fraction {@code 3/2}. */
    private static final long FACTOR_NUMERATOR = 3;
    private static final long FACTOR_DENOMINATOR = 2;

    // One holder per encoding: reading one vocabulary costs about half a second of a cold JVM's CPU, and a
    // call needs only its model's.
    private static final class Codecs {
        static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    }

    private static final class O200k {
        static final Encoding ENCODING = Codecs.REGISTRY.getEncoding(EncodingType.O200K_BASE);
    }

    private static final class Cl100k {
        static final Encoding ENCODING = Codecs.REGISTRY.getEncoding(EncodingType.CL100K_BASE);
    }

    private TokenEstimator() {}

    /**
     * Starts reading the vocabulary {@code family} is counted with on a daemon thread, so that a short-lived
     * process overlaps it with its other start-up work. Counting waits for it if it is not done; a failure
     * here is left for counting to report.
     */
    public static void preload(Tokenizer family) {
        Thread thread = new Thread(() -> {
            try {
                encoding(family);
            } catch (RuntimeException | LinkageError ignored) {
                // counting will meet the same failure and report it
            }
        }, "ai-lanes-tokenizer-preload");
        thread.setDaemon(true);
        thread.start();
    }

    private static Encoding encoding(Tokenizer family) {
        return family == Tokenizer.O200K ? O200k.ENCODING : Cl100k.ENCODING;
    }

    /** Tokens of {@code text} alone: exact for OpenAI families, an upper bound for the others. */
    public static long upperBound(String text, Tokenizer family) {
        if (text.isEmpty()) {
            return 0;
        }
        return switch (family) {
            case O200K -> O200k.ENCODING.countTokensOrdinary(text);
            case CL100K -> Cl100k.ENCODING.countTokensOrdinary(text);
            default -> {
                long scaled = ceilDiv(Cl100k.ENCODING.countTokensOrdinary(text) * FACTOR_NUMERATOR, FACTOR_DENOMINATOR);
                long bytes = text.getBytes(StandardCharsets.UTF_8).length + 1L;
                yield Math.min(scaled, bytes);
            }
        };
    }

    /** Input tokens of a whole request: system prompt, messages, framing and output schema. */
    public static long upperBound(ChatRequest request, Tokenizer family) {
        boolean openAi = family.exact();
        long perMessage = openAi ? OPENAI_PER_MESSAGE : OTHER_PER_MESSAGE;
        long total = openAi ? OPENAI_REPLY : OTHER_PER_MESSAGE;
        if (request.system() != null) {
            total += perMessage + upperBound(request.system(), family);
        }
        for (Message message : request.messages()) {
            total += perMessage + upperBound(message.text(), family);
        }
        if (request.outputSchema() != null) {
            total += openAi ? OPENAI_SCHEMA_FRAMING : OTHER_SCHEMA_FRAMING;
            total += upperBound(request.outputSchema().name(), family);
            total += upperBound(compactJson(request), family);
        }
        return total;
    }

    /** Worst-case USD of a call: every input token and every allowed output token at the full rates. */
    public static BigDecimal worstCaseUsd(long inputTokens, long maxOutputTokens, BigDecimal inputPerMillion,
            BigDecimal outputPerMillion) {
        if (inputTokens < 0 || maxOutputTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative: input " + inputTokens
                    + ", output " + maxOutputTokens);
        }
        return inputPerMillion.multiply(BigDecimal.valueOf(inputTokens))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(maxOutputTokens)))
                .movePointLeft(6);
    }

    /** The exact price of one token from a per-million rate. */
    public static BigDecimal perToken(BigDecimal perMillion) {
        return perMillion.movePointLeft(6);
    }

    private static String compactJson(ChatRequest request) {
        try {
            return Json.MAPPER.writeValueAsString(request.outputSchema().schema());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise output schema", e);
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
