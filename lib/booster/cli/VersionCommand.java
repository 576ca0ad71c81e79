package booster.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kubectl booster version}, in kubectl version's form; the Java runtime too, since the
 * plugin runs on one.
 */
@Command(
    name = "version",
    description = "Print the plugin's version and the Java runtime it runs on.",
    footerHeading = "%nExamples:%n",
    footer = {"  kubectl booster version"})
final class VersionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin HelpOptions help = new HelpOptions();

  @Override
  public Integer call() {
    spec.commandLine()
        .getOut()
        .printf(
            "Client Version: v%s%nJava Version: %s (%s)%n",
            BoosterCommand.VERSION, Runtime.version(), System.getProperty("java.vendor"));
    spec.commandLine().getOut().flush();
    return BoosterCommand.OK;
  }
}
