using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArchPgtable.Contracts.Running;

namespace ArchPgtable.Host.Verify;

/// <summary>
/// Writes <c>verify</c> results as JSON, one shape for one build or many:
/// <c>{"seed":"…", "run_seed":N|null, "replay_token":"…"|null, "shard":{"index":i, "count":n, "ran":k, "of":m}, "strict":bool,
/// "passed":bool, "builds":[…]}</c> with per build
/// <c>{"arch":…, "description":…, "assembly":…, "passed":bool, "strict":bool, "properties":[{"name":…, "helper":…, "passed":bool,
/// "status":"pass|fail|skip|xfail|xpass", "skipped":reason|null, "known_finding":{"reason":…, "reference":…}|null, "cases":N, "seed":…,
/// "counterexample":…|null}]}</c>; a property's <c>passed</c> is whether it held, the build's whether the run passed (an expected
/// failure, <c>xfail</c>, fails it only with <c>--strict</c>). <c>seed</c> is what <c>--seed</c> takes to replay the run.
/// </summary>
internal static class VerifyJsonWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(VerifyRun run, TextWriter output)
    {
        var root = new JsonObject
        {
            ["seed"] = run.Seed.Text,
            ["run_seed"] = run.Seed.Token is null ? run.Seed.RunSeed : null,
            ["replay_token"] = run.Seed.Token,
            ["shard"] = new JsonObject
            {
                ["index"] = run.Shard.Index,
                ["count"] = run.Shard.Count,
                ["ran"] = run.Ran,
                ["of"] = run.WorkItems,
            },
            ["strict"] = run.Strict,
            ["passed"] = run.Passed,
            ["builds"] = new JsonArray([.. run.Outcomes.Select(Build)]),
        };
        output.WriteLine(root.ToJsonString(Options));
        output.Flush();
    }

    private static JsonObject Build(VerifyOutcome o) => new()
    {
        ["arch"] = o.Target.Plugin,
        ["description"] = o.Target.Arch.Description,
        ["assembly"] = o.Target.AssemblyPath,
        ["passed"] = o.Passed,
        ["machine"] = o.Target.Machine?.Name ?? o.Target.Arch.MachineSupportOrDefault.Default.Name,
        ["properties"] = new JsonArray([.. o.Results.Select(r => (JsonNode)Property(o, r))]),
    };

    private static JsonObject Property(VerifyOutcome o, PropertyResult r) => new()
    {
        ["name"] = r.Name,
        ["helper"] = r.Helper,
        ["passed"] = r.Passed,
        ["status"] = r.StatusWord.ToLowerInvariant(),
        ["skipped"] = r.SkipReason,
        ["known_finding"] = r.KnownFinding is { } k ? new JsonObject { ["reason"] = k.Reason, ["reference"] = k.Reference } : null,
        ["cases"] = r.Cases,
        ["seed"] = r.Seed,
        ["counterexample"] = r.Counterexample is { } c ? Counterexample(o, r, c) : null,
        ["more_counterexamples"] = new JsonArray([.. r.MoreCounterexamples.Select(m => (JsonNode)Counterexample(o, r, m))]),
    };

    private static JsonObject Counterexample(VerifyOutcome o, PropertyResult r, Counterexample c) => new()
    {
        ["seed"] = c.Seed,
        ["kind"] = c.Kind,
        ["replay"] = o.Replay(r, c),
        ["blocks"] = c.Blocks,
        ["shrinks"] = c.Shrinks,
        ["setup"] = Strings(c.Setup),
        ["call"] = c.Call,
        ["race"] = c.Race,
        ["violations"] = Strings(c.Violations),
        ["entries"] = Strings(c.Entries),
        ["writes"] = Strings(c.Writes),
        ["text"] = c.ToString(),
    };

    private static JsonArray Strings(IEnumerable<string> lines) => new([.. lines.Select(l => (JsonNode)JsonValue.Create(l))]);
}
