package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoosterCommandTest {
  @Test
  void versionAndHelp() {
    Cli.Outcome version = Cli.inProcess("--version");
    assertEquals(0, version.exit());
    assertEquals("kubectl-booster " + BoosterCommand.VERSION + "\n", version.out());
    Cli.Outcome help = Cli.inProcess("--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().startsWith("Usage: kubectl booster"), help.out());
    assertTrue(help.out().contains("create"), help.out());
  }

  @Test
  void withoutSubcommandShowsUsageAndFails() {
    Cli.Outcome bare = Cli.inProcess();
    assertEquals(BoosterCommand.USAGE, bare.exit());
    assertEquals("", bare.out());
    assertTrue(bare.err().contains("Usage: kubectl booster"), bare.err());
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    Cli.Outcome outcome = Cli.inProcess("frobnicate");
    assertEquals(BoosterCommand.USAGE, outcome.exit());
    assertTrue(outcome.err().startsWith("error: "), outcome.err());
  }
}
