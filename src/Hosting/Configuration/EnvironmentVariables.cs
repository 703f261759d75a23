namespace ArchPgtable.Hosting.Configuration;

/// <summary>Ready-made <see cref="IEnvironmentVariables"/> sources.</summary>
public static class EnvironmentVariables
{
    /// <summary>The process environment.</summary>
    public static IEnvironmentVariables Process { get; } = new ProcessEnvironmentVariables();

    /// <summary>No variables at all.</summary>
    public static IEnvironmentVariables None { get; } = new DictionaryEnvironmentVariables(new Dictionary<string, string>());

    /// <summary>A fixed set of variables.</summary>
    /// <param name="variables">Name → value.</param>
    public static IEnvironmentVariables From(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return new DictionaryEnvironmentVariables(new Dictionary<string, string>(variables, StringComparer.Ordinal));
    }
}
