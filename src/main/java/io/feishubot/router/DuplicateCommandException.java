package io.feishubot.router;

/** Two handlers claim one command name, or a name is not a valid command name. */
public class DuplicateCommandException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DuplicateCommandException(String message) {
    super(message);
  }
}
