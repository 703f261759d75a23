namespace ArchPgtable.Host.Verify;

/// <summary>The <c>verify</c> options.</summary>
internal sealed record VerifySettings(bool All, string? PluginPath, int Cases, string? Seed, string? Helper, string Format, bool Strict = false);
