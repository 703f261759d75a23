using ArchPgtable.Host.Cli;

namespace ArchPgtable.Host;

/// <summary>The <c>archpgtable</c> entry point.</summary>
public static class Program
{
    /// <summary>Runs the command line against the real console and environment.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>An <see cref="ExitCodes"/> value.</returns>
    public static int Main(string[] args) => Run(args, CliContext.FromProcess());

    /// <summary>Runs the command line in-process against <paramref name="context"/>'s writers and environment.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="context">Where to read and write.</param>
    /// <returns>An <see cref="ExitCodes"/> value.</returns>
    public static int Run(IReadOnlyList<string> args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        return CommandLine.Run(args, context);
    }
}
