using System.Globalization;
using System.Text.Json;
using ArchPgtable.Hosting.Configuration;
using ArchPgtable.Machines;

namespace ArchPgtable.Hosting.Machines;

/// <summary>
/// Reads a machine file: <c>{"name": …, "description": …, "agents": [{"name": "cpu", "kind": "cpu|smmu|iommu",
/// "count": 4, "hardware_access_flag": true, "hardware_dirty": true, "block_entry": "accessed|first|any",
/// "tlb_entries": 2048, "bbml2_noabort": false}]}</c>. With <c>count</c> &gt; 1 an agent is repeated as
/// <c>name0</c>, <c>name1</c>, …. Every problem is one sentence naming the file.
/// </summary>
internal static class MachineFileReader
{
    private static readonly string[] AgentKeys = ["name", "kind", "count", "hardware_access_flag", "hardware_dirty", "block_entry", "tlb_entries", "bbml2_noabort"];

    /// <exception cref="ArchPgtableConfigurationException">Unreadable, malformed, or with a value that is not allowed.</exception>
    public static MachineDescription Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArchPgtableConfigurationException($"machine file '{path}' cannot be read: {e.Message}", e);
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw Bad(path, $"is not valid JSON (line {e.LineNumber + 1}): {e.Message.Split('.')[0]}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad(path, "must hold one JSON object with \"agents\"");
            }

            Unknown(path, root, ["name", "description", "agents"], "the machine");
            var name = root.TryGetProperty("name", out var n) ? String(path, n, "name") : Path.GetFileNameWithoutExtension(path);
            var description = root.TryGetProperty("description", out var d) ? String(path, d, "description") : $"machine file {path}";
            if (!root.TryGetProperty("agents", out var agents) || agents.ValueKind != JsonValueKind.Array || agents.GetArrayLength() == 0)
            {
                throw Bad(path, "needs \"agents\": a non-empty array");
            }

            var list = new List<AgentSpec>();
            var i = 0;
            foreach (var a in agents.EnumerateArray())
            {
                list.AddRange(Agent(path, a, i++));
            }

            return new MachineDescription(name, description, list);
        }
    }

    private static IEnumerable<AgentSpec> Agent(string path, JsonElement a, int index)
    {
        var where = string.Create(CultureInfo.InvariantCulture, $"agents[{index}]");
        if (a.ValueKind != JsonValueKind.Object)
        {
            throw Bad(path, $"{where} must be an object");
        }

        Unknown(path, a, AgentKeys, where);
        var kind = a.TryGetProperty("kind", out var k) ? Enum<AgentKind>(path, k, $"{where}.kind") : AgentKind.Cpu;
        var name = a.TryGetProperty("name", out var n) ? String(path, n, $"{where}.name") : kind.ToString().ToLowerInvariant();
        var count = a.TryGetProperty("count", out var c) ? Int(path, c, $"{where}.count", 1, 1024) : 1;
        var ha = !a.TryGetProperty("hardware_access_flag", out var h) || Bool(path, h, $"{where}.hardware_access_flag");
        var hd = a.TryGetProperty("hardware_dirty", out var dd) ? Bool(path, dd, $"{where}.hardware_dirty") : ha;
        var block = a.TryGetProperty("block_entry", out var b) ? Enum<BlockEntryChoice>(path, b, $"{where}.block_entry") : BlockEntryChoice.Any;
        var tlb = a.TryGetProperty("tlb_entries", out var t) ? Int(path, t, $"{where}.tlb_entries", 1, 1 << 20) : 2048;
        var bbml2 = a.TryGetProperty("bbml2_noabort", out var bb) && Bool(path, bb, $"{where}.bbml2_noabort");
        var spec = new AgentSpec(name, kind, ha, hd, block, tlb, bbml2);
        return count == 1 ? [spec] : Enumerable.Range(0, count).Select(j => spec with { Name = string.Create(CultureInfo.InvariantCulture, $"{name}{j}") });
    }

    private static void Unknown(string path, JsonElement e, string[] known, string where)
    {
        var unknown = e.EnumerateObject().Select(p => p.Name).FirstOrDefault(p => !known.Contains(p));
        if (unknown is not null)
        {
            throw Bad(path, $"{where} has an unknown key \"{unknown}\" (known: {string.Join(", ", known)})");
        }
    }

    private static string String(string path, JsonElement e, string where) =>
        e.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(e.GetString()) ? e.GetString()! : throw Bad(path, $"{where} must be a non-empty string");

    private static bool Bool(string path, JsonElement e, string where) =>
        e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean() : throw Bad(path, $"{where} must be true or false");

    private static int Int(string path, JsonElement e, string where, int min, int max) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) && v >= min && v <= max
            ? v
            : throw Bad(path, string.Create(CultureInfo.InvariantCulture, $"{where} must be a whole number in {min}..{max}"));

    private static T Enum<T>(string path, JsonElement e, string where)
        where T : struct, Enum
    {
        var names = System.Enum.GetNames<T>().Select(s => s.ToLowerInvariant()).ToArray();
        if (e.ValueKind == JsonValueKind.String && System.Enum.TryParse<T>(e.GetString(), ignoreCase: true, out var v) && names.Contains(e.GetString()!.ToLowerInvariant()))
        {
            return v;
        }

        throw Bad(path, $"{where} must be one of {string.Join(", ", names)}");
    }

    private static ArchPgtableConfigurationException Bad(string path, string problem) => new($"machine file '{path}' {problem}");
}
