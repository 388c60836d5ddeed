package io.ailanes.jenkins.action;

import hudson.model.Job;
import hudson.model.Run;
import io.ailanes.engine.config.PriceSetup;
import io.ailanes.engine.forecast.AuditFile;
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
import java.util.function.Function;
import java.util.stream.Stream;
import jenkins.util.VirtualFile;

/**
 * A job's history as the engine reads it: the one owner of which builds count (the last
 * {@value Forecaster#DEFAULT_LAST} completed builds that used AI Lanes), where each build's audit is read, the
 * prices (the global configuration's catalog) and the per-job cache. {@link JobForecast} and
 * {@link JobComparison} hand the audits to the engine through it.
 *
 * <p>Each build's audit is read from its archived artifact {@code ai-lanes/audit.jsonl} (through the build's
 * artifact manager, so any artifact storage works), else from the copy the steps keep in the build directory (a
 * build whose only step ran outside {@code node} archived nothing), copied to a temporary folder named
 * {@code #N} for the engine, which verifies each. A result is cached per job and reader until another build
 * completes or the prices change, so the job page and {@code withAiBudget} read the history once.
 */
final class JobHistory {

    /** The archived audit, relative to the build's artifacts. */
    static final String ARTIFACT = AiLanesRunAction.DIR + "/audit.jsonl";
    /** Builds walked back at most to find the ones that used AI Lanes: a page must not load a job's whole history. */
    static final int MAX_WALK = 500;

    /** What the engine makes of the builds' audits, newest build first. */
    @FunctionalInterface
    interface Reader<T> {
        T read(List<AuditFile> audits, PriceCatalog catalog) throws IOException;
    }

    private record Key(String reader, List<Integer> builds, List<ModelPrice> prices) {}

    private record Cached(Key key, Object result) {}

    private static final Map<String, Cached> CACHE = Collections.synchronizedMap(
            new LinkedHashMap<String, Cached>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                    return size() > 400;
                }
            });

    private JobHistory() {}

    /**
     * What {@code reader} makes of the audits of the completed AI Lanes builds from {@code newest} back, or
     * {@code failed}'s result with the reason when there are no usable prices or the engine stops (a model without
     * a price, ...).
     *
     * @param name the reader's name in the cache (one result per job and reader)
     */
    static <T> T read(Job<?, ?> job, Run<?, ?> newest, String name, Reader<T> reader, Function<String, T> failed) {
        List<Run<?, ?>> runs = runs(newest);
        PriceCatalog catalog;
        try {
            AiLanesGlobalConfiguration settings = AiLanesGlobalConfiguration.get();
            catalog = PriceSetup.catalog(settings.toConfig(), settings.configFile());
        } catch (RuntimeException e) {
            return failed.apply("the AI Lanes configuration has no usable prices: " + e.getMessage());
        }
        Key key = new Key(name, runs.stream().map(Run::getNumber).toList(), catalog.all());
        String slot = job.getFullName() + "\n" + name;
        Cached cached = CACHE.get(slot);
        if (cached != null && cached.key().equals(key)) {
            @SuppressWarnings("unchecked")
            T result = (T) cached.result();
            return result;
        }
        T result = compute(runs, catalog, reader, failed);
        CACHE.put(slot, new Cached(key, result));
        return result;
    }

    /** The completed builds that used AI Lanes, from {@code newest} back, newest first. */
    static List<Run<?, ?>> runs(Run<?, ?> newest) {
        List<Run<?, ?>> runs = new ArrayList<>();
        int walked = 0;
        for (Run<?, ?> r = newest; r != null && runs.size() < Forecaster.DEFAULT_LAST && walked < MAX_WALK;
                r = r.getPreviousBuild(), walked++) {
            if (!r.isBuilding() && r.getAction(AiLanesRunAction.class) != null) {
                runs.add(r);
            }
        }
        return runs;
    }

    private static <T> T compute(List<Run<?, ?>> runs, PriceCatalog catalog, Reader<T> reader,
            Function<String, T> failed) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ai-lanes-history");
            List<AuditFile> audits = new ArrayList<>();
            for (Run<?, ?> run : runs) {
                Path copy = dir.resolve(run.getNumber() + ".jsonl");
                if (copy(run, copy)) {
                    audits.add(new AuditFile("#" + run.getNumber(), copy));
                }
            }
            return reader.read(audits, catalog);
        } catch (IOException | RuntimeException e) {
            return failed.apply(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
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
