package booster.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubectl booster version}, in kubectl version's form; the Java runtime too, since the plugin runs on one. */
@Command(name = "version", description = "Print the plugin's version and the Java runtime it runs on.",
    footerHeading = "%nExamples:%n", footer = {"  kubectl booster version"})
public class VersionCommand implements Callable<Integer> {
  @Mixin
  HelpOption help = new HelpOption();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    out.println("Client Version: v" + BoosterCommand.VERSION);
    out.println("Java Version: " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
    out.flush();
    return BoosterCommand.OK;
  }
}
