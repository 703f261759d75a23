using ArchPgtable.Plugins;

namespace ArchPgtable.Native.Arches;

/// <summary>
/// What is per-architecture in a native build: the files and names taken from the tree, the
/// arch part of the shim, and the configuration symbols (from the model's build) that select
/// between <c>#ifdef</c> variants and are passed to the compiler.
/// </summary>
public abstract class NativeArchSpec
{
    /// <summary>The architecture name (ARCH=).</summary>
    public abstract string Arch { get; }

    /// <summary>The files and the names taken from each, in the order they are emitted.</summary>
    public abstract IReadOnlyList<NativeSourceFile> Files { get; }

    /// <summary>The file name of the arch part of the shim (an embedded resource of this assembly).</summary>
    public abstract string ShimHeader { get; }

    /// <summary>The configuration symbols of the build the model describes, e.g. <c>CONFIG_PAGE_SHIFT=12</c>; 0 means "is not set" (not passed to the compiler); a symbol absent here is unknown.</summary>
    /// <exception cref="NativeBuildException">The model's configuration is one the native build does not support.</exception>
    public abstract IReadOnlyDictionary<string, long> Symbols(ArchInstance model);

    /// <summary>
    /// Differences from the arch's C# model that are explained (a change the tree has and the model lacks, or the
    /// reverse), each active only when the tree defines <see cref="NativeKnownDifference.WhenTreeDefines"/>.
    /// </summary>
    public virtual IReadOnlyList<NativeKnownDifference> KnownDifferences => [];

    /// <summary>The explained differences for the model build <paramref name="model"/> (default: <see cref="KnownDifferences"/>; an arch whose model has a non-upstream option adds its effect).</summary>
    public virtual IReadOnlyList<NativeKnownDifference> KnownDifferencesFor(ArchInstance model) => KnownDifferences;

    /// <summary>
    /// Functions compiled under the name <c>ap_kernel_&lt;name&gt;</c> so that <see cref="HooksFile"/> can define
    /// <c>&lt;name&gt;</c> as a wrapper (e.g. to report folds); callers in the tree reach the wrapper.
    /// </summary>
    public virtual IReadOnlyList<string> Hooked => [];

    /// <summary>The shim file with the wrappers of <see cref="Hooked"/>, or null.</summary>
    public virtual string? HooksFile => null;

    /// <summary>
    /// True when the arch's helpers read PTEs by plain dereference (x86: <c>pte_t res = *ptep;</c>,
    /// <c>pte_same(*ptep, entry)</c>): each such rvalue <c>*ptep</c>/<c>*xp</c> is taken as <c>READ_ONCE(*ptep)</c> (the same
    /// load, now through the host: counted, observed, a race-injection point). A plain store is not rewritten.
    /// </summary>
    public virtual bool RewritesPlainPteReads => false;

    /// <summary>
    /// The text of a taken function as it is compiled: unchanged by default; with <see cref="RewritesPlainPteReads"/> its
    /// plain PTE reads go through the host. An arch overrides this for a mechanical rewrite its shim cannot do with a
    /// macro (riscv: an <c>asm goto(ALTERNATIVE(…))</c> becomes the feature check it stands for).
    /// </summary>
    public virtual string Rewrite(string functionText) =>
        RewritesPlainPteReads ? Build.NativeSourceGenerator.RewritePlainPteReads(functionText) : functionText;

    /// <summary>Every tree-relative path this spec reads.</summary>
    public IReadOnlyList<string> Paths => [.. Files.Select(f => f.Path)];
}
