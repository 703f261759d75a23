using System.Text.Json.Serialization;

namespace ArchPgtable.Host.Cli;

/// <summary>A row of the "#define view": a helper, who provides it (<c>generic</c> or the arch), and the function in force.</summary>
internal sealed record InfoHelperRow(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("impl")] string Impl);
