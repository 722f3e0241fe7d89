package io.feishubot.outbound;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code tenant_access_token/internal}. */
@RegisterForReflection
public record TenantTokenRequest(
    @JsonProperty("app_id") String appId, @JsonProperty("app_secret") String appSecret) {

  /** Never print the secret, even by accident in a debugger or a log of this record. */
  @Override
  public String toString() {
    return "TenantTokenRequest[appId=" + appId + ", appSecret=***]";
  }
}
