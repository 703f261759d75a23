using ArchPgtable.Hosting.Discovery;

namespace ArchPgtable.Hosting.Configuration;

/// <summary>The architecture chosen for this run and why.</summary>
/// <param name="Arch">The arch name.</param>
/// <param name="Source">What chose it: <c>--arch</c>, <c>--set ARCH=</c>, <c>ARCHPGTABLE_ARCH</c>, <c>file:line</c> or <c>default</c>.</param>
/// <param name="Plugin">The plugin that provides it.</param>
public sealed record ArchSelection(string Arch, string Source, LoadedPlugin Plugin);
