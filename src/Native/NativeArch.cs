using System.Security.Cryptography;
using System.Text;
using ArchPgtable.Generic;
using ArchPgtable.Native.Arches;
using ArchPgtable.Native.Build;
using ArchPgtable.Native.Interop;
using ArchPgtable.Native.Tree;
using ArchPgtable.Plugins;

namespace ArchPgtable.Native;

/// <summary>
/// Builds a native arch instance: the model's build (geometry, PTE format, hardware, invariants)
/// with its page-table helpers replaced by the kernel's own C, taken from a tree by name, compiled
/// against the project's shim, and called through P/Invoke.
/// </summary>
public static class NativeArch
{
    private static readonly Dictionary<string, NativeArchSpec> Specs = new(StringComparer.Ordinal)
    {
        ["arm64"] = new Arm64NativeSpec(),
        ["riscv64"] = new RiscVNativeSpec(),
        ["x86_64"] = new X86NativeSpec(),
    };

    /// <summary>The architectures with a native name list.</summary>
    public static IReadOnlyCollection<string> Arches => Specs.Keys;

    /// <summary>Returns <paramref name="model"/> with its helpers replaced by the tree's C helpers.</summary>
    /// <exception cref="NativeBuildException">No native support for the arch, a missing tree/file/function, a patch that does not apply, or a compile error (one line each).</exception>
    public static ArchInstance Compose(ArchInstance model, NativeArchOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (!Specs.TryGetValue(model.Arch, out var spec))
        {
            throw new NativeBuildException($"{options.KernelTreeName}: no native helpers for arch '{model.Arch}' (available: {string.Join(", ", Specs.Keys)}).");
        }

        if (model.Ops is not GenericPageTableOps modelOps)
        {
            throw new NativeBuildException($"{options.KernelTreeName}: the {model.Arch} plugin's helpers do not derive from GenericPageTableOps.");
        }

        var symbols = spec.Symbols(model);
        var cache = options.CacheDirectory is null ? NativeCache.Default : new NativeCache(options.CacheDirectory);
        var tree = KernelSource.Materialize(options.KernelTree, spec.Paths, cache, options.KernelTreeName);
        try
        {
            if (options.Patch is not null)
            {
                PatchApplier.Apply(options.Patch, tree, options.PatchName);
            }

            var (source, taken) = NativeSourceGenerator.Generate(spec, tree, symbols);
            var library = BuildLibrary(source, cache, tree, options.Patch, options.PatchName);
            var info = new NativeBuildInfo(options.KernelTree, tree.Version.ToString(), options.Patch, library,
                [.. HelperNames.Select(h => Source(h, taken))], taken.Count,
                [.. spec.KnownDifferencesFor(model).Where(d => taken.ContainsKey(d.WhenTreeDefines))])
            {
                FeatureChecks = [.. FeatureCalls.Where(f => taken.Values.Any(t => Calls(t.Text, f.Function))).Select(f => f.Feature)],
            };
            var ops = NativePageTableOps.Create(model.Format, model.Geometry, modelOps.DebugVm, NativeLibraryHandle.Load(library), options.Features, info);
            // Everything but the helpers is the model's: geometry, format, hardware, invariants, known findings, machines.
            var native = model.WithOps(ops, $"{model.Description}; helpers: native C from Linux {tree.Version}{(options.Patch is null ? "" : " + " + Path.GetFileName(options.Patch))}");
            return native.Machines is { } machines ? WithMachines(native, new NativeMachineSupport(machines, model)) : native;
        }
        finally
        {
            tree.Delete();
        }
    }

    /// <summary>Where the helpers of <paramref name="ops"/> came from, or null when they are not native.</summary>
    public static NativeBuildInfo? BuildInfoOf(IPageTableOps ops) => (ops as NativePageTableOps)?.Info;

    /// <summary>The shim's feature checks, by the kernel function the C code calls.</summary>
    private static readonly (string Function, NativeFeature Feature)[] FeatureCalls =
    [
        ("system_supports_bbml2_noabort", NativeFeature.Bbml2NoAbort), ("cpu_has_hw_af", NativeFeature.HardwareAccessFlag),
        ("system_supports_mte", NativeFeature.Mte),
    ];

    private static ArchInstance WithMachines(ArchInstance a, Machines.MachineSupport machines) => new()
    {
        Arch = a.Arch,
        Config = a.Config,
        Geometry = a.Geometry,
        Format = a.Format,
        Ops = a.Ops,
        Hardware = a.Hardware,
        Invariants = a.Invariants,
        KnownFindings = a.KnownFindings,
        Machines = machines,
        Description = a.Description,
    };

    private static readonly (string Helper, string Function)[] HelperNames =
    [
        ("ptep_get", "ptep_get"), ("ptep_get_lockless", "ptep_get_lockless"), ("set_ptes", "set_ptes"),
        ("ptep_get_and_clear", "ptep_get_and_clear"), ("get_and_clear_full_ptes", "get_and_clear_full_ptes"),
        ("clear_full_ptes", "clear_full_ptes"), ("ptep_test_and_clear_young", "ptep_test_and_clear_young"),
        ("ptep_clear_flush_young", "ptep_clear_flush_young"), ("ptep_set_wrprotect", "ptep_set_wrprotect"),
        ("wrprotect_ptes", "wrprotect_ptes"), ("ptep_set_access_flags", "ptep_set_access_flags"),
        ("clear_young_dirty_ptes", "clear_young_dirty_ptes"), ("mkold_clean_ptes", "clear_young_dirty_ptes"),
        ("pte_batch_hint", "pte_batch_hint"),
    ];

    private static NativeHelperSource Source((string Helper, string Function) h, IReadOnlyDictionary<string, Extraction.CDefinition> taken) =>
        taken.TryGetValue(h.Function, out var d)
            ? new NativeHelperSource(h.Helper, h.Function, d.File, d.Line,
                [.. taken.Values.Where(t => t.Kind == Extraction.CDefinitionKind.Function && t.File != d.File && Calls(d.Text, t.Name))
                    .Select(t => $"{t.Name} ({Path.GetFileName(t.File)}:{t.Line})")])
            : new NativeHelperSource(h.Helper, h.Function, "?", 0, []);

    private static bool Calls(string text, string name) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<![A-Za-z0-9_]){System.Text.RegularExpressions.Regex.Escape(name)}\s*\(");

    private static string BuildLibrary(string source, NativeCache cache, KernelSource tree, string? patch, string patchName)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            source + "\n" + CCompiler.Compiler + " " + string.Join(' ', CCompiler.Flags))))[..16];
        var entry = cache.Entry("native", key);
        var library = Path.Combine(entry, "libarchpgtable-native.so");
        if (File.Exists(library))
        {
            return library;
        }

        using var held = cache.Lock("native", key);
        if (File.Exists(library))
        {
            return library;
        }

        var scratch = cache.NewScratch();
        var sourcePath = Path.Combine(scratch, NativeSourceGenerator.GeneratedFileName);
        File.WriteAllText(sourcePath, source);
        try
        {
            CCompiler.Compile(sourcePath, Path.Combine(scratch, "libarchpgtable-native.so"),
                $"Linux {tree.Version} ({tree.Origin}){(patch is null ? "" : $" with {patchName} {patch}")}");
        }
        catch
        {
            NativeCache.TryDelete(scratch);
            throw;
        }

        NativeCache.Publish(scratch, entry);
        return library;
    }
}
