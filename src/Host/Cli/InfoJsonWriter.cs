using System.Text.Encodings.Web;
using System.Text.Json;

namespace ArchPgtable.Host.Cli;

/// <summary>Writes the <c>info</c> report as indented JSON.</summary>
internal static class InfoJsonWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        // Config strings are quoted ("…"); keep them readable rather than \u0022-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Types without [JsonPropertyName] (KnownFinding, from Abstractions) as the rest: snake_case.
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static void Write(InfoReport report, TextWriter output)
    {
        output.WriteLine(JsonSerializer.Serialize(report, Options));
        output.Flush();
    }
}
