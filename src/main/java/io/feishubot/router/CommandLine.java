package io.feishubot.router;

import java.util.List;

/**
 * A command as typed: {@code /deploy api --force} is name {@code deploy}, arguments {@code [api,
 * --force]}, argument text {@code api --force}.
 */
public record CommandLine(String name, List<String> arguments, String argumentText) {

  public CommandLine {
    arguments = List.copyOf(arguments);
  }
}
