using System.Text.Json.Serialization;

namespace ArchPgtable.Host.Cli;

/// <summary>A plugin in the <c>info</c> report.</summary>
internal sealed record InfoPluginRow(
    [property: JsonPropertyName("arch")] string Arch,
    [property: JsonPropertyName("assembly")] string Assembly,
    [property: JsonPropertyName("version")] string Version);
