using ArchPgtable.Host.Cli;

namespace ArchPgtable.Host.Verify;

/// <summary>The <c>verify</c> options.</summary>
internal sealed record VerifySettings(
    bool All,
    string? PluginPath,
    int Cases,
    VerifySeed Seed,
    string? Helper,
    OutputFormat Format,
    bool Strict,
    VerifyShard Shard,
    bool SkipBrokenPlugins);
