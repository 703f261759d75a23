namespace ArchPgtable.Host.Cli;

/// <summary>Writes an error as one line on stderr.</summary>
internal static class CliErrors
{
    /// <summary>Writes <c>archpgtable: error: …</c> on one line and returns <see cref="ExitCodes.UsageError"/>.</summary>
    public static int Write(CliContext context, string sentence)
    {
        context.Error.WriteLine($"archpgtable: error: {sentence.ReplaceLineEndings(" ")}");
        return ExitCodes.UsageError;
    }
}
