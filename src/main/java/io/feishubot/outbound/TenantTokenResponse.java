package io.feishubot.outbound;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Answer of {@code tenant_access_token/internal}; {@code expire} is in seconds. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record TenantTokenResponse(
    int code,
    String msg,
    @JsonProperty("tenant_access_token") String tenantAccessToken,
    long expire)
    implements OpenApiAnswer {

  @Override
  public String toString() {
    return "TenantTokenResponse[code=" + code + ", msg=" + msg + ", expire=" + expire + "]";
  }
}
