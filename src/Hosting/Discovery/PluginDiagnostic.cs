namespace ArchPgtable.Hosting.Discovery;

/// <summary>Something the host noticed while loading plugins: a file it skipped or ignored, and why.</summary>
/// <param name="Severity">How serious it is.</param>
/// <param name="File">The full path of the file concerned.</param>
/// <param name="Reason">One sentence saying what is wrong and what the host did.</param>
public sealed record PluginDiagnostic(PluginDiagnosticSeverity Severity, string File, string Reason)
{
    /// <summary><c>error: /path/junk.dll: not a .NET assembly; skipped.</c></summary>
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()}: {File}: {Reason}";
}
