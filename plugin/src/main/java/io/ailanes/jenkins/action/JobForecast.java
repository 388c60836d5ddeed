package io.ailanes.jenkins.action;

import hudson.model.Job;
import hudson.model.Run;
import io.ailanes.engine.config.PriceSetup;
import io.ailanes.engine.forecast.AuditFile;
import io.ailanes.engine.forecast.Forecast;
import io.ailanes.engine.forecast.Forecaster;
import io.ailanes.engine.price.ModelPrice;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.jenkins.config.AiLanesGlobalConfiguration;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jenkins.util.VirtualFile;

/**
 * The next build's cost of a job, from the audits of its previous completed builds that used AI Lanes: a thin
 * adapter that finds the audits and hands them to the engine's {@link Forecaster}, which verifies, re-prices at
 * today's prices (the global configuration's catalog) and takes the quantiles.
 *
 * <p>Each build's audit is read from its archived artifact {@code ai-lanes/audit.jsonl} (through the build's
 * artifact manager, so any artifact storage works), else from the copy the steps keep in the build directory (a
 * build whose only step ran outside {@code node} archived nothing). The result is cached per job until another
 * build completes or the prices change, so the job page and {@code withAiBudget} read the history once.
 */
public final class JobForecast {

    /** The archived audit, relative to the build's artifacts. */
    static final String ARTIFACT = AiLanesRunAction.DIR + "/audit.jsonl";
    /** Builds walked back at most to find the ones that used AI Lanes: a page must not load a job's whole history. */
    static final int MAX_WALK = 500;

    /** A forecast, or why there is none (a model without a price, an unreadable configuration). */
    public record Result(Forecast forecast, String error) {}

    private record Key(List<Integer> builds, List<ModelPrice> prices) {}

    private record Cached(Key key, Result result) {}

    private static final Map<String, Cached> CACHE = Collections.synchronizedMap(
            new LinkedHashMap<String, Cached>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                    return size() > 200;
                }
            });

    private JobForecast() {}

    /** The forecast of the job's next build: from its completed builds. */
    public static Result of(Job<?, ?> job) {
        return from(job, job.getLastBuild());
    }

    /** The forecast for a running build: from the completed builds before it. */
    public static Result before(Run<?, ?> run) {
        return from(run.getParent(), run.getPreviousBuild());
    }

    private static Result from(Job<?, ?> job, Run<?, ?> newest) {
        List<Run<?, ?>> runs = new ArrayList<>();
        int walked = 0;
        for (Run<?, ?> r = newest; r != null && runs.size() < Forecaster.DEFAULT_LAST && walked < MAX_WALK;
                r = r.getPreviousBuild(), walked++) {
            if (!r.isBuilding() && r.getAction(AiLanesRunAction.class) != null) {
                runs.add(r);
            }
        }
        PriceCatalog catalog;
        try {
            AiLanesGlobalConfiguration settings = AiLanesGlobalConfiguration.get();
            catalog = PriceSetup.catalog(settings.toConfig(), settings.configFile());
        } catch (RuntimeException e) {
            return new Result(null, "the AI Lanes configuration has no usable prices: " + e.getMessage());
        }
        Key key = new Key(runs.stream().map(Run::getNumber).toList(), catalog.all());
        Cached cached = CACHE.get(job.getFullName());
        if (cached != null && cached.key().equals(key)) {
            return cached.result();
        }
        Result result = compute(runs, catalog);
        CACHE.put(job.getFullName(), new Cached(key, result));
        return result;
    }

    private static Result compute(List<Run<?, ?>> runs, PriceCatalog catalog) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ai-lanes-forecast");
            List<AuditFile> audits = new ArrayList<>();
            for (Run<?, ?> run : runs) {
                Path copy = dir.resolve(run.getNumber() + ".jsonl");
                if (copy(run, copy)) {
                    audits.add(new AuditFile("#" + run.getNumber(), copy));
                }
            }
            return new Result(Forecaster.forecast(audits, catalog, Forecaster.DEFAULT_LAST), null);
        } catch (IOException | RuntimeException e) {
            return new Result(null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            delete(dir);
        }
    }

    /** The build's archived audit, else the build directory's copy; false when it has neither. */
    private static boolean copy(Run<?, ?> run, Path target) throws IOException {
        VirtualFile archived = run.getArtifactManager().root().child(ARTIFACT);
        if (archived.isFile()) {
            try (InputStream in = archived.open()) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        }
        File kept = new File(new File(run.getRootDir(), AiLanesRunAction.DIR), "audit.jsonl");
        if (kept.isFile()) {
            Files.copy(kept.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
        return false;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
