package dev.sockbench.report.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium driven over the DevTools protocol (a WebSocket, JSON): opens a page at a
 * window size, waits for its load event, evaluates expressions in it, captures a screenshot, and
 * records every JavaScript dialog the page opened and every console message (a script that ran).
 */
final class Chromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    /** The browser's executable, or null when none is installed. */
    static Path find() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    Chromium(Path executable, Path profile, int width, int height) throws Exception {
        process = new ProcessBuilder(
                        executable.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--hide-scrollbars",
                        "--no-first-run",
                        "--remote-debugging-address=127.0.0.1",
                        "--remote-debugging-port=0",
                        "--user-data-dir=" + profile,
                        "--window-size=" + width + "," + height,
                        "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String browserUrl = devToolsUrl();
        int port = URI.create(browserUrl).getPort();
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        String pageUrl = null;
        for (JsonNode t : targets) {
            if (t.path("type").asText().equals("page")) {
                pageUrl = t.path("webSocketDebuggerUrl").asText();
            }
        }
        if (pageUrl == null) {
            throw new IOException("chromium offers no page target: " + targets);
        }
        socket = http.newWebSocketBuilder()
                .buildAsync(URI.create(pageUrl), new Listener())
                .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        send("Page.enable", null);
        send("Runtime.enable", null);
        ObjectNode metrics = JSON.createObjectNode();
        metrics.put("width", width)
                .put("height", height)
                .put("deviceScaleFactor", 1)
                .put("mobile", false);
        send("Emulation.setDeviceMetricsOverride", metrics);
    }

    /** The first stderr line that names the DevTools endpoint. */
    private String devToolsUrl() throws IOException {
        BufferedReader err =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null) {
            int at = line.indexOf("ws://");
            if (line.contains("DevTools listening on") && at >= 0) {
                Thread.ofVirtual().start(() -> err.lines().forEach(l -> {}));
                return line.substring(at).strip();
            }
        }
        throw new IOException("chromium exited without a DevTools endpoint");
    }

    /** Opens {@code page} and waits for its load event. */
    void open(Path page) throws Exception {
        loaded = new CompletableFuture<>();
        ObjectNode params = JSON.createObjectNode();
        params.put("url", page.toUri().toString());
        send("Page.navigate", params);
        loaded.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    /** The value of a JavaScript expression evaluated by the DevTools protocol, not by the page. */
    JsonNode evaluate(String expression) throws Exception {
        ObjectNode params = JSON.createObjectNode();
        params.put("expression", expression).put("returnByValue", true);
        JsonNode result = send("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException(expression + ": " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** A PNG of the viewport. */
    void screenshot(Path file) throws Exception {
        ObjectNode params = JSON.createObjectNode();
        params.put("format", "png");
        JsonNode result = send("Page.captureScreenshot", params);
        Files.write(file, Base64.getDecoder().decode(result.get("data").asText()));
    }

    /** Dialogs opened and console messages logged by the page so far. */
    List<String> scriptEvents() {
        return new ArrayList<>(events);
    }

    private JsonNode send(String method, JsonNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id).put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        JsonNode answer = reply.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IOException(method + ": " + answer.get("error"));
        }
        return answer.path("result");
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                handle(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(String raw) {
            try {
                JsonNode message = JSON.readTree(raw);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> reply =
                            pending.remove(message.get("id").asInt());
                    if (reply != null) {
                        reply.complete(message);
                    }
                    return;
                }
                String method = message.path("method").asText();
                switch (method) {
                    case "Page.loadEventFired" -> loaded.complete(null);
                    case "Page.javascriptDialogOpening", "Runtime.consoleAPICalled" ->
                        events.add(method + " " + message.path("params"));
                    default -> {}
                }
            } catch (IOException e) {
                events.add("unreadable DevTools message: " + raw);
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.abort();
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
