namespace ArchPgtable.Native.Arches;

/// <summary>One file of a kernel tree and the definitions the native build takes from it by name.</summary>
/// <param name="Path">Tree-relative path, e.g. <c>arch/arm64/mm/contpte.c</c>.</param>
/// <param name="Names">Functions and macros that must be present (in this build's configuration).</param>
/// <param name="Optional">Names taken when present (e.g. a helper a stable backport added).</param>
public sealed record NativeSourceFile(string Path, IReadOnlyList<string> Names, IReadOnlyList<string>? Optional = null);
