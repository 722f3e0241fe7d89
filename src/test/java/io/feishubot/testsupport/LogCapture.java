package io.feishubot.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;

/**
 * Every log record at INFO or above while open, as one line of text the way the console would print
 * it: logger, message with its parameters, MDC and stack trace. For tests that search logs for
 * secrets.
 */
public final class LogCapture extends Handler implements AutoCloseable {

  private final List<String> lines = new ArrayList<>();
  private final PatternFormatter formatter = new PatternFormatter("%c %s mdc=%X %e");

  private LogCapture() {}

  public static LogCapture start() {
    LogCapture capture = new LogCapture();
    Logger.getLogger("").addHandler(capture);
    return capture;
  }

  @Override
  public void publish(LogRecord record) {
    if (record.getLevel().intValue() < Level.INFO.intValue()) {
      return;
    }
    String line = formatter.format(ExtLogRecord.wrap(record));
    synchronized (lines) {
      lines.add(line);
    }
  }

  public List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(this);
  }
}
