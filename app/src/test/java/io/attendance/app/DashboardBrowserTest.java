package io.attendance.app;

import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.app.demo.DemoAccounts;
import io.attendance.schemas.ClockTick;
import io.attendance.core.pupil.Upn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in real headless Chromium (Debian's chromium and chromium-driver), as an
 * attendance officer uses it: sign in, find a flagged pupil from the school's list, read the
 * register grid, open the case, record an action (and see a refusal beside its field), and watch
 * the pupil's page change by itself when the school's MIS posts a new mark. Screenshots of each
 * page are saved under target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String SAM = Upn.of(938, 4001, 25, 401);
    private static EmbeddedBroker broker;
    private static AttendanceNode node;
    private static WebDriver browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        broker = TestNodes.broker("browser");
        node = TestNodes.node(broker, "browser-" + UUID.randomUUID(), "browser-node");
        base = "http://localhost:" + node.httpPort();
        Http admin = new Http(node.httpPort());
        assertThat(admin.put("/api/v1/schools/100001", TestNodes.RIVERSIDE_JSON).status()).isEqualTo(200);
        // Sam: at school Wed 3 – Fri 5 Sep, then unauthorised absence all of Mon 8 – Wed 10 Sep.
        // Each register taken on its day (recordedAt), as the school's MIS sends them.
        StringBuilder marks = new StringBuilder("upn,urn,date,session,code,recordedAt\n");
        for (String d : List.of("03", "04", "05", "08", "09", "10")) {
            String code = Integer.parseInt(d) < 8 ? "/" : "O";
            marks.append(SAM).append(",100001,2025-09-").append(d).append(",AM,").append(code).append(",2025-09-").append(d).append("T09:10:00Z\n");
            marks.append(SAM).append(",100001,2025-09-").append(d).append(",PM,").append(code.equals("/") ? "\\" : code)
                    .append(",2025-09-").append(d).append("T13:40:00Z\n");
        }
        Http.Response posted = admin.post("/api/v1/marks", "text/csv", marks.toString());
        assertThat(posted.status()).as(posted.body()).isEqualTo(202);
        assertThat(posted.json().get("accepted").asInt()).isEqualTo(12);
        for (String d : List.of("03", "04", "05", "08", "09", "10")) {
            node.publisher().publishTicks(List.of(new ClockTick("100001", LocalDate.parse("2025-09-" + d), "test")));
        }
        // A year-to-date figure is judged only after 4 school weeks of register: the school opens Sam's
        // Fast Track by hand on Mon 8 Sep, the first day of his absence.
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/api/v1/pupils/" + SAM).status() == 200);
        Http.Response opened = admin.post("/api/v1/pupils/" + SAM + "/cases", "application/json", "{\"date\": \"2025-09-08\", \"note\": \"absent since Monday\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Http.Response r = admin.get("/api/v1/cases?upn=" + SAM + "&status=open");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().findValuesAsText("id")).anyMatch(id -> TestNodes.caseIdOf(id).contains("norfolk-fast-track"));
        });
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        node.close();
        broker.close();
    }

    /** Where the browser ends up when it opens the URL. */
    private static String status(String url) {
        browser.get(url);
        return browser.getCurrentUrl();
    }

    private static void shot(String name) throws Exception {
        // The whole page, not just the window: tall pages are what officers scroll through.
        long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.body.scrollHeight");
        browser.manage().window().setSize(new Dimension(1280, (int) Math.min(Math.max(height + 40, 800), 4000)));
        File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    /** The element's text; a live page may swap its content between finding and reading, so read again then. */
    private static String text(String css) {
        for (int attempt = 1; ; attempt++) {
            try {
                return browser.findElement(By.cssSelector(css)).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 5) throw e;
            }
        }
    }

    @Test
    @Order(1)
    void an_officer_signs_in_and_sees_the_la_overview() throws Exception {
        browser.get(base + "/schools/100001");
        assertThat(browser.getCurrentUrl()).contains("/sign-in?next=");
        browser.findElement(By.id("username")).sendKeys(DemoAccounts.OFFICER);
        browser.findElement(By.id("password")).sendKeys("wrong");
        browser.findElement(By.id("sign-in")).click();
        assertThat(text(".govuk-error-summary")).contains("Enter a correct username and password");
        shot("01-sign-in-error");
        browser.findElement(By.id("password")).sendKeys(DemoAccounts.OFFICER_PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().endsWith("/schools/100001")); // back where the officer was going
        browser.get(base + "/");
        assertThat(text("#schools")).contains("Riverside Primary School");
        assertThat(text("[data-testid=who]")).contains("officer");
        assertThat(browser.findElements(By.cssSelector("svg.trend polyline"))).hasSize(1);
        // Worked by hand: week of 1 Sep, 6 of 6 sessions attended; week of 8 Sep, 0 of 6; 6 of 12 year to date;
        // the school's one pupil is both persistently and severely absent.
        assertThat(text("#schools")).contains("50.0%", "100.0%");
        com.fasterxml.jackson.databind.JsonNode riverside = new Http(node.httpPort()).get("/api/v1/schools").json().get(0);
        assertThat(riverside.get("possible").asInt()).isEqualTo(12);
        assertThat(riverside.get("attended").asInt()).isEqualTo(6);
        List<String> trend = new java.util.ArrayList<>();
        riverside.get("trend").forEach(w -> trend.add(w.get("week").asText() + " " + w.get("attended").asInt() + "/"
                + w.get("possible").asInt() + " " + w.get("attendancePct").decimalValue().stripTrailingZeros().toPlainString()));
        assertThat(trend).containsExactly("2025-09-01 6/6 100", "2025-09-08 0/6 0");
        assertThat(riverside.get("openCasesByStage").toString()).isEqualTo("{\"early-interventions\":1}");
        shot("02-overview");
    }

    @Test
    @Order(2)
    void the_officer_opens_a_flagged_pupil_from_the_school_list_and_reads_the_register_grid() throws Exception {
        browser.get(base + "/");
        browser.findElement(By.linkText("Riverside Primary School")).click();
        // 6 of 12 sessions attended: 50% — persistently and severely absent.
        assertThat(text("#pupils")).contains(SAM, "50.0%", "Persistent absence", "Severe absence");
        shot("03-school");
        browser.findElement(By.linkText(SAM)).click();
        assertThat(text("[data-testid=upn]")).isEqualTo(SAM);
        assertThat(text("#windows")).contains("Year to date", "12", "50.0%");
        List<String> week2 = browser.findElements(By.cssSelector("#register tbody tr:nth-child(2) td")).stream().map(e -> e.getText()).toList();
        assertThat(week2).containsExactly("O", "O", "O", "O", "O", "O", "", "", "", ""); // Mon–Wed unauthorised, Thu–Fri not yet marked
        assertThat(browser.findElements(By.cssSelector("#register td.mark-unauthorised"))).hasSize(6);
        shot("04-pupil");
    }

    @Test
    @Order(3)
    void the_officer_records_an_action_on_the_case_and_a_refused_one_is_shown_beside_its_field() throws Exception {
        browser.get(base + TestNodes.pupilPage(SAM));
        browser.findElement(By.partialLinkText("norfolk-fast-track")).click();
        assertThat(text("[data-testid=stage]")).contains("Early interventions");
        shot("05-case");
        // Without a date the actions API refuses; the page says so beside the date.
        browser.findElement(By.cssSelector("#action-send-pre-legal-warning summary")).click();
        browser.findElement(By.id("submit-send-pre-legal-warning")).click();
        assertThat(text("#action-error")).contains("date");
        assertThat(text("#action-send-pre-legal-warning [data-testid=field-error]")).contains("Date the action was taken: is required");
        shot("06-case-refused");
        // A date input's typing order follows the browser's locale; its value is ISO whatever the locale.
        ((JavascriptExecutor) browser).executeScript("document.getElementById('send-pre-legal-warning-date').value = '2025-09-11'");
        browser.findElement(By.id("submit-send-pre-legal-warning")).click();
        assertThat(text("#recorded")).contains("Send pre legal warning");
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true");
        // The engine moves the case on; the page follows without a reload.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(text("[data-testid=stage]")).contains("Monitoring"));
        assertThat(text("#timeline")).contains("Pre-Legal Intervention Warning Letter");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true")).isEqualTo(true);
        shot("07-case-after-action");
    }

    @Test
    @Order(4)
    void the_pupils_page_updates_by_itself_when_the_school_posts_a_new_mark() throws Exception {
        browser.get(base + TestNodes.pupilPage(SAM));
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true");
        assertThat(browser.findElements(By.cssSelector("#register td.mark-present"))).hasSize(6);
        // Riverside's MIS posts Thursday 11 Sep: present both sessions.
        Http mis = Http.withKey(node.httpPort(), DemoAccounts.RIVERSIDE_MIS_KEY);
        assertThat(mis.post("/api/v1/marks", "text/csv", "upn,urn,date,session,code\n" + SAM + ",100001,2025-09-11,AM,/\n"
                + SAM + ",100001,2025-09-11,PM,\\\n").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.findElements(By.cssSelector("#register td.mark-present"))).hasSize(8));
        assertThat(text("#windows")).contains("14", "57.1%"); // 8 of 14 sessions
        assertThat(text("[data-testid=updated]")).matches("updated \\d\\d:\\d\\d:\\d\\d");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true")).isEqualTo(true);
        shot("08-pupil-live");
    }

    @Test
    @Order(5)
    void monitoring_ends_with_9_unauthorised_sessions_so_the_invite_task_appears_in_the_work_queue_live_and_a_viewer_sees_no_action_forms() throws Exception {
        browser.get(base + "/tasks");
        assertThat(text("h1")).isEqualTo("Work queue");
        assertThat(text("#due")).contains("Nothing due this week");
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true");
        // Worked by hand from seed 000: the warning was recorded Thu 11 Sep, so the 3-school-week monitoring
        // ends Thu 2 Oct. Three more unauthorised sessions (Mon 15 AM/PM, Tue 16 AM) make 9 in 6 school weeks,
        // so the case moves to the invite, whose task is due 5 school days later: Thu 9 Oct. On Fri 3 Oct
        // (the school's latest day) that is due within the week.
        Http admin = new Http(node.httpPort());
        assertThat(admin.post("/api/v1/marks", "text/csv", "upn,urn,date,session,code,recordedAt\n"
                + SAM + ",100001,2025-09-15,AM,O,2025-09-15T09:10:00Z\n" + SAM + ",100001,2025-09-15,PM,O,2025-09-15T13:40:00Z\n"
                + SAM + ",100001,2025-09-16,AM,O,2025-09-16T09:10:00Z\n").status()).isEqualTo(202);
        for (LocalDate d = LocalDate.of(2025, 9, 11); !d.isAfter(LocalDate.of(2025, 10, 3)); d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() <= 5) node.publisher().publishTicks(List.of(new ClockTick("100001", d, "test")));
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(text("#due")).contains("Send the initial Fast Track invite to parents", "2025-10-09", SAM));
        assertThat(text("#overdue")).contains("Nothing overdue");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true")).isEqualTo(true);
        shot("09-work-queue");
        browser.findElement(By.cssSelector(".app-sign-out button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("/sign-in"));
        assertThat(status(base + "/tasks")).as("signed out: the session cookie is gone").contains("/sign-in");
        browser.findElement(By.id("username")).sendKeys(DemoAccounts.VIEWER);
        browser.findElement(By.id("password")).sendKeys(DemoAccounts.VIEWER_PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        browser.get(base + "/cases/" + TestNodes.caseRef(SAM + "-100001-norfolk-fast-track-1"));
        assertThat(browser.getPageSource()).doesNotContain("Record an action");
        browser.get(base + TestNodes.pupilPage(Upn.of(938, 4009, 25, 1)));
        assertThat(text("h1")).isEqualTo("Page not found");
        shot("10-viewer-not-found");
    }
}
