namespace ArchPgtable.Hosting.Configuration;

/// <summary>A fixed set of variables.</summary>
internal sealed class DictionaryEnvironmentVariables(IReadOnlyDictionary<string, string> variables) : IEnvironmentVariables
{
    public IReadOnlyDictionary<string, string> GetAll() => variables;
}
