package io.ailanes.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.ailanes.engine.testing.Fixtures;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the sample report.html in headless Chromium: the rendered DOM carries the totals, the saving and the
 * lanes, and a screenshot has ink at the top and the lane colours in the charts. With
 * {@code -Dreport.screenshot.update=true} the screenshot replaces {@code docs/images/report.png}.
 */
class ReportBrowserTest {

    private static Path chromium;

    @TempDir
    static Path dir;

    private static Path html;

    @BeforeAll
    static void render() throws IOException {
        chromium = findChromium();
        html = dir.resolve("report.html");
        new HtmlReportWriter().write(SampleRun.report(), html);
    }

    /** Per test, so that a missing browser shows as skipped tests rather than vanishing. */
    @BeforeEach
    void requireChromium() {
        if (chromium == null) {
            String install = "headless Chromium not found: install the Debian package 'chromium' (apt-get install chromium)";
            if ("true".equals(System.getenv("CI"))) {
                fail(install);
            }
            Assumptions.assumeTrue(false, install);
        }
    }

    private static Path findChromium() {
        String path = System.getenv("PATH");
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String entry : (path == null ? "/usr/bin" : path).split(File.pathSeparator)) {
                Path candidate = Path.of(entry, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Runs Chromium headless, quiet and offline (no background networking, no component updates). */
    private static byte[] chromium(String... args) throws IOException, InterruptedException {
        return chromium(html, args);
    }

    private static byte[] chromium(Path page, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + Files.createTempDirectory(dir, "profile")));
        command.addAll(List.of(args));
        command.add(page.toUri().toString());
        Path stdout = Files.createTempFile(dir, "out", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("chromium did not finish within 90 s");
        }
        assertThat(process.exitValue()).as("chromium exit code").isZero();
        return Files.readAllBytes(stdout);
    }

    @Test
    void renderedPageShowsTotalsSavingAndLanes() throws Exception {
        String dom = new String(chromium("--dump-dom"), StandardCharsets.UTF_8);
        assertThat(dom).contains("<svg").doesNotContain("<script");
        String text = visibleText(dom);
        assertThat(text).contains("Total cost $0.3873", "Saved vs. all-premium $0.8031",
                "67.5% less than $1.19 on anthropic/claude-opus-4-5",
                "the lanes saved $0.8031 (67.5%)", "Within caps");
        assertThat(text).contains("reasoning", "execution", "deepseek/deepseek-chat", "openai/gpt-5",
                "HTTP 503: Server overloaded");
    }

    /**
     * No table or chart makes the page wider than the window (a long model name once pushed the By-model table
     * 20 px past it). The report forbids scripts, so a copy without its CSP measures itself into the DOM.
     */
    @Test
    void nothingIsWiderThanTheWindow() throws Exception {
        CostReport report = SampleRun.report();
        Path page = dir.resolve("measured.html");
        String measured = Files.readString(html).replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "")
                .replace("</body>", "<script>window.addEventListener('load',()=>{const w=document.documentElement;"
                        + "document.body.setAttribute('data-overflow',String(w.scrollWidth-w.clientWidth));});</script></body>");
        Files.writeString(page, measured);
        for (String width : List.of("1280", "900", "700")) {
            String dom = new String(chromium(page, "--dump-dom", "--window-size=" + width + ",1000",
                    "--virtual-time-budget=2000"), StandardCharsets.UTF_8);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-overflow=\"(-?\\d+)\"").matcher(dom);
            assertThat(m.find()).as("the page measured itself at " + width + " px").isTrue();
            assertThat(Integer.parseInt(m.group(1))).as("horizontal overflow at " + width + " px").isLessThanOrEqualTo(0);
        }
        assertThat(report.byModel()).isNotEmpty();
    }

    /**
     * The "Where your data went" section renders each provider's region, the basis and the tokens sent, the policy and
     * where the records are; a provider id carrying markup stays text. {@code -Dreport.residency.png=FILE} keeps a
     * screenshot for a look.
     */
    @Test
    void residencySectionShowsWhereTheDataWent() throws Exception {
        Path page = dir.resolve("residency.html");
        new HtmlReportWriter().write(SampleRun.reportWithResidency(), page);
        String dom = new String(chromium(page, "--dump-dom"), StandardCharsets.UTF_8);
        assertThat(dom).doesNotContain("<script", "<img");
        String text = visibleText(dom);
        assertThat(text).contains("Where your data went", "policy.allowedRegions allowed eu, us",
                "qwen cn bundled region catalog ( https://www.alibabacloud.com/help/en/model-studio/regions ) 0 0 0 0 1",
                "deepseek eu dataRegion in the configuration 4 5 91,200 16,700 0",
                "openai eu bundled region catalog ( https://developers.openai.com/api/docs/guides/data-residency ) 2 2",
                "<img src=x onerror=alert(1)> unknown unknown: not in the catalog, no dataRegion",
                "are kept in /var/jenkins/jobs/myjob/builds/42/ai-lanes");
        String png = System.getProperty("report.residency.png");
        if (png != null) {
            chromium(page, "--screenshot=" + png, "--window-size=1280,5200");
            assertThat(ImageIO.read(new File(png)).getWidth()).isEqualTo(1280);
        }
    }

    /**
     * The What-if section renders with a bar per alternative (red for dearer, green for cheaper than paid) and
     * each figure's assumptions beside it. {@code -Dreport.whatif.png=FILE} keeps the screenshot for a look.
     */
    @Test
    void whatIfSectionShowsABarPerAlternativeAndTheAssumptions() throws Exception {
        Path page = dir.resolve("whatif.html");
        new HtmlReportWriter().write(SampleRun.reportWithWhatIf(), page);
        String dom = new String(chromium(page, "--dump-dom"), StandardCharsets.UTF_8);
        assertThat(dom).doesNotContain("<script");
        String text = visibleText(dom);
        assertThat(text).contains("What if", "Total per alternative", "Paid $0.3873",
                "all-premium=anthropic/claude-opus-4-5: $1.19, +$0.8031 (+207.3%) against paid [tokens]",
                "all-cheap=deepseek/deepseek-chat: $0.0612, \u2212$0.3261 (\u221284.2%) against paid [tokens] [reasoning]",
                "[reasoning] Reasoning tokens kept", "escalation=off: $0.3873, $0.00 (0%)");
        assertThat(visibleText(new String(chromium("--dump-dom"), StandardCharsets.UTF_8))).doesNotContain("What if");

        Path png = dir.resolve("whatif.png");
        chromium(page, "--screenshot=" + png, "--window-size=1280,4000");
        BufferedImage image = ImageIO.read(png.toFile());
        // Lane colours and the summary cards may share these colours: count against the page without What-if.
        Path plainPng = dir.resolve("plain.png");
        chromium("--screenshot=" + plainPng, "--window-size=1280,4000");
        BufferedImage plain = ImageIO.read(plainPng.toFile());
        assertThat(pixelsOf(image, 0xc62828, 0, 0, 1280, 4000) - pixelsOf(plain, 0xc62828, 0, 0, 1280, 4000))
                .as("red bar: all-premium costs more").isGreaterThan(3_000);
        assertThat(pixelsOf(image, 0x2e7d32, 0, 0, 1280, 4000) - pixelsOf(plain, 0x2e7d32, 0, 0, 1280, 4000))
                .as("green bar: all-cheap costs less").isGreaterThan(150);
        assertThat(pixelsOf(image, 0x9e9e9e, 0, 0, 1280, 4000) - pixelsOf(plain, 0x9e9e9e, 0, 0, 1280, 4000))
                .as("grey bars: paid, and escalation=off costs the same").isGreaterThan(2_000);
        String keep = System.getProperty("report.whatif.png");
        if (keep != null) {
            Files.copy(png, Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The Risk class section renders the class and each decision as text (a decision holding markup stays text), and
     * risk decisions are not listed again among the edit policy's blocked events.
     */
    @Test
    void riskSectionShowsTheClassAndEachDecisionAsText() throws Exception {
        CostReportBuilder b = new CostReportBuilder()
                .runInfo("run-risk", "payments #9", SampleRun.START, SampleRun.START.plusSeconds(60))
                .riskClass("critical");
        SampleRun.calls().forEach(b::add);
        b.event(new PolicyEvent(SampleRun.START, "plan", PolicyEvent.RISK_CLASS, "risk class critical: set by the job's"
                + " AI Lanes risk class", null));
        b.event(new PolicyEvent(SampleRun.START, "plan", PolicyEvent.RISK_LANE, "plan moved to lane reasoning (asked:"
                + " execution): class critical allows plan only on reasoning", null));
        b.event(new PolicyEvent(SampleRun.START, "implement", PolicyEvent.APPROVAL_REQUIRED, "change held for approval:"
                + " it touches src/auth/<img src=x onerror=alert(1)>.java", null));
        Path page = dir.resolve("risk.html");
        new HtmlReportWriter().write(b.build(), page);

        String dom = new String(chromium(page, "--dump-dom"), StandardCharsets.UTF_8);

        assertThat(dom).doesNotContain("<script", "<img");
        String text = visibleText(dom);
        assertThat(text).contains("Risk class Class critical . What it decided", "RISK_LANE plan moved to lane reasoning (asked:"
                + " execution): class critical allows plan only on reasoning",
                "APPROVAL_REQUIRED change held for approval: it touches src/auth/<img src=x onerror=alert(1)>.java")
                .doesNotContain("Blocked by policy");
    }

    /** The body's text as a reader sees it: no style sheet, no SVG titles, tags gone, entities decoded. */
    static String visibleText(String dom) {
        String body = dom.substring(dom.indexOf("<body"));
        return body.replaceAll("(?s)<title>.*?</title>", " ")
                .replaceAll("(?s)<[^>]+>", " ")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&")
                .replaceAll("\\s+", " ");
    }

    @Test
    void screenshotHasInkAtTheTopAndLaneColoursInTheCharts() throws Exception {
        Path png = dir.resolve("report.png");
        chromium("--screenshot=" + png, "--window-size=1280,2000");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(2000);

        // Title, subtitle and the five summary cards: plenty of non-white pixels.
        assertThat(nonWhiteShare(image, 0, 0, 1280, 320)).isGreaterThan(0.04); // 8.4% when written; blank is 0
        // The saving card's green and the two lane colours, drawn as solid bars in the charts.
        assertThat(pixelsOf(image, 0xeef7ee, 0, 0, 1280, 320)).isGreaterThan(5_000);
        int reasoning = pixelsOf(image, 0x6a3d9a, 0, 320, 1280, 1200);
        int execution = pixelsOf(image, 0x1b9e77, 0, 320, 1280, 1200);
        assertThat(reasoning).isGreaterThan(2_000);
        assertThat(execution).isGreaterThan(200);
        // Tables further down are rendered too.
        assertThat(nonWhiteShare(image, 0, 1200, 1280, 2000)).isGreaterThan(0.03);

        if (Boolean.getBoolean("report.screenshot.update")) {
            Path target = Fixtures.doc("images/report.png");
            Files.createDirectories(target.getParent());
            Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static double nonWhiteShare(BufferedImage image, int x0, int y0, int x1, int y1) {
        long ink = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                if (((rgb >> 16) & 0xff) < 235 || ((rgb >> 8) & 0xff) < 235 || (rgb & 0xff) < 235) {
                    ink++;
                }
            }
        }
        return (double) ink / ((long) (x1 - x0) * (y1 - y0));
    }

    /** Pixels within a small distance of {@code colour} (antialiasing and colour management shift edges). */
    private static int pixelsOf(BufferedImage image, int colour, int x0, int y0, int x1, int y1) {
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = image.getRGB(x, y);
                if (Math.abs(((rgb >> 16) & 0xff) - ((colour >> 16) & 0xff)) <= 3
                        && Math.abs(((rgb >> 8) & 0xff) - ((colour >> 8) & 0xff)) <= 3
                        && Math.abs((rgb & 0xff) - (colour & 0xff)) <= 3) {
                    count++;
                }
            }
        }
        return count;
    }
}
