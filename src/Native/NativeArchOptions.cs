using ArchPgtable.Native.Tree;

namespace ArchPgtable.Native;

/// <summary>How to build the native helpers.</summary>
public sealed class NativeArchOptions
{
    /// <summary>A Linux source directory or tarball (<c>--kernel-tree</c>).</summary>
    public required string KernelTree { get; init; }

    /// <summary>A unified diff to apply to the extracted files before building (<c>--patch</c>), or null.</summary>
    public string? Patch { get; init; }

    /// <summary>How messages name <see cref="KernelTree"/> (the command line says <c>--kernel-tree</c>, an embedder's host its own option).</summary>
    public string KernelTreeName { get; init; } = "NativeArchOptions.KernelTree";

    /// <summary>How messages name <see cref="Patch"/> (the command line says <c>--patch</c>).</summary>
    public string PatchName { get; init; } = "NativeArchOptions.Patch";

    /// <summary>Where extracted files and libraries are cached; <see cref="NativeCache.Default"/> when null.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>The answers to CPU feature checks (all off by default); the hook for machine descriptions.</summary>
    public NativeFeatures Features { get; init; } = NativeFeatures.None;
}
