namespace ArchPgtable.Hosting.Configuration;

/// <summary>
/// The environment variables configuration is read from (<c>ARCHPGTABLE_ARCH</c>,
/// <c>ARCHPGTABLE_CONFIG_*</c>). An abstraction so that tests and embedders need not touch the
/// process environment.
/// </summary>
public interface IEnvironmentVariables
{
    /// <summary>Every variable and its value.</summary>
    IReadOnlyDictionary<string, string> GetAll();
}
