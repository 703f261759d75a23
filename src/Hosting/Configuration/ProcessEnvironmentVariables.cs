using System.Collections;

namespace ArchPgtable.Hosting.Configuration;

/// <summary>The process environment, read afresh on every call.</summary>
internal sealed class ProcessEnvironmentVariables : IEnvironmentVariables
{
    public IReadOnlyDictionary<string, string> GetAll()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value)
            {
                result[name] = value;
            }
        }

        return result;
    }
}
