namespace ArchPgtable.Host.Cli;

/// <summary>How a command writes its report (<c>--format</c>).</summary>
internal enum OutputFormat
{
    /// <summary>Human-readable text and tables (no escape codes when redirected).</summary>
    Text,

    /// <summary>One indented JSON document.</summary>
    Json,

    /// <summary>RFC 4180 CSV with a header row.</summary>
    Csv,

    /// <summary>KTAP version 1 (<c>verify</c> only).</summary>
    Ktap,
}
