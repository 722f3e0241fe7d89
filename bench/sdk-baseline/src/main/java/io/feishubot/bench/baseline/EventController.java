package io.feishubot.bench.baseline;

import com.lark.oapi.core.request.EventReq;
import com.lark.oapi.core.response.EventResp;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The jakarta glue the SDK's javax-only servlet adapter would otherwise be: request to {@link
 * EventReq} (headers lower-cased, as the SDK looks them up), {@link EventResp} back.
 */
@RestController
class EventController {

  private final com.lark.oapi.event.EventDispatcher dispatcher;

  EventController(com.lark.oapi.event.EventDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @PostMapping("/feishu/events")
  ResponseEntity<byte[]> receive(HttpServletRequest request, @RequestBody byte[] body)
      throws Throwable {
    Map<String, List<String>> headers = new HashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
    }
    EventReq eventReq = new EventReq();
    eventReq.setHeaders(headers);
    eventReq.setBody(body);
    eventReq.setHttpPath(request.getRequestURI());
    EventResp eventResp = dispatcher.handle(eventReq);
    return ResponseEntity.status(eventResp.getStatusCode())
        .contentType(MediaType.APPLICATION_JSON)
        .body(eventResp.getBody());
  }
}
