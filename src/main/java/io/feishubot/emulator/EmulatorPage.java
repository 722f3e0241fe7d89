package io.feishubot.emulator;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The emulator's page and its two assets, plain HTML, CSS and JS. They live under {@code
 * src/main/resources/emulator}, not {@code META-INF/resources}, which Quarkus would serve in every
 * profile: here they are served only through this resource, behind {@link EmulatorRoutes}.
 */
@Path(EmulatorPage.ROOT)
public class EmulatorPage {

  public static final String ROOT = "/dev/emulator";

  private static final String FOLDER = "emulator/";
  private static final Map<String, String> ASSETS =
      Map.of(
          "emulator.js",
          "text/javascript; charset=utf-8",
          "emulator.css",
          "text/css; charset=utf-8");

  /**
   * The page renders what the bot sends (markdown, links): no inline script, no other origin, and
   * no framing, so a hostile message cannot run code or be overlaid.
   */
  private static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
          + " img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  @GET
  public Response page() {
    return file("index.html", "text/html; charset=utf-8");
  }

  @GET
  @Path("/assets/{name}")
  public Response asset(@PathParam("name") String name) {
    String type = ASSETS.get(name);
    if (type == null) {
      // A fixed list, so no name can reach any other resource on the classpath.
      return Response.status(404)
          .type("application/json")
          .entity("{\"error\":\"not found\"}")
          .build();
    }
    return file(name, type);
  }

  private static Response file(String name, String type) {
    // Read on each request: dev mode edits show on reload, and the files are small.
    try (InputStream in = EmulatorPage.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException("missing emulator resource " + FOLDER + name);
      }
      return Response.ok(in.readAllBytes(), type)
          .header("Content-Security-Policy", POLICY)
          .header("X-Content-Type-Options", "nosniff")
          .header("Referrer-Policy", "no-referrer")
          .header("Cache-Control", "no-store")
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
