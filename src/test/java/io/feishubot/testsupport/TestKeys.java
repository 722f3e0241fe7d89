package io.feishubot.testsupport;

/** The secrets the tests configure the app with: those of the protocol test vectors. */
public final class TestKeys {

  public static final String APP_ID = "cli_test";
  public static final String APP_SECRET = "test-app-secret";
  public static final String VERIFICATION_TOKEN = "vtoken123";
  public static final String ENCRYPT_KEY = "test key";
  public static final String TENANT_TOKEN = "t-g1044ltest0token";

  private TestKeys() {}
}
