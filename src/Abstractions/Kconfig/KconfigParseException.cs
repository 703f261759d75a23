namespace ArchPgtable.Kconfig;

/// <summary>A configuration line or value that is not valid; the message names the source and line.</summary>
public sealed class KconfigParseException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file or source name.</param>
    /// <param name="line">The 1-based line, or 0.</param>
    /// <param name="problem">What is wrong.</param>
    public KconfigParseException(string source, int line, string problem)
        : base(line > 0 ? $"{source}:{line}: {problem}" : $"{source}: {problem}")
    {
        SourceName = source;
        Line = line;
    }

    /// <summary>Creates the exception with a message.</summary>
    public KconfigParseException() : this("config", 0, "invalid configuration") { }

    /// <summary>Creates the exception with a message.</summary>
    public KconfigParseException(string message) : base(message) => SourceName = "config";

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public KconfigParseException(string message, Exception innerException) : base(message, innerException) => SourceName = "config";

    /// <summary>The file or source name.</summary>
    public string SourceName { get; }

    /// <summary>The 1-based line, or 0.</summary>
    public int Line { get; }
}
