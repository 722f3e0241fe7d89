package io.feishubot.outbound;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Answer of the message endpoints; {@code data} holds the created message. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageResponse(int code, String msg, JsonNode data) implements OpenApiAnswer {}
