namespace ArchPgtable.Hosting.Configuration;

/// <summary>
/// The plugins, the configuration sources or the arch selection cannot be composed into an
/// architecture: two plugins claim one arch, an arch is unknown, a config line is malformed, a
/// plugins folder is missing. The message is one sentence naming the problem; the command line
/// prints it and exits with status 2.
/// </summary>
public sealed class ArchPgtableConfigurationException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public ArchPgtableConfigurationException() : base("The ArchPgtable configuration is not usable.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">One sentence naming the problem.</param>
    public ArchPgtableConfigurationException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">One sentence naming the problem.</param>
    /// <param name="innerException">The cause.</param>
    public ArchPgtableConfigurationException(string message, Exception innerException) : base(message, innerException) { }
}
