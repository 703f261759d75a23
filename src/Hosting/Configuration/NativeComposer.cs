using ArchPgtable.Native;
using ArchPgtable.Plugins;

namespace ArchPgtable.Hosting.Configuration;

/// <summary>With <c>--kernel-tree</c>, replaces the built arch's helpers by the tree's C helpers (ArchPgtable.Native).</summary>
internal static class NativeComposer
{
    /// <exception cref="ArchPgtableConfigurationException">--patch without --kernel-tree, or the native build failed (one line).</exception>
    public static ArchInstance Apply(ArchInstance arch, ArchPgtableOptions options)
    {
        if (options.KernelTree is null)
        {
            return options.Patch is null
                ? arch
                : throw new ArchPgtableConfigurationException($"{options.OptionNames.Patch} needs {options.OptionNames.KernelTree} (the tree the patch applies to).");
        }

        try
        {
            return NativeArch.Compose(arch, new NativeArchOptions
            {
                KernelTree = options.KernelTree,
                Patch = options.Patch,
                KernelTreeName = options.OptionNames.KernelTree,
                PatchName = options.OptionNames.Patch,
            });
        }
        catch (NativeBuildException e)
        {
            throw new ArchPgtableConfigurationException(e.Message, e);
        }
    }

    /// <summary>The arguments that select the same native build again, for replay lines (empty without --kernel-tree).</summary>
    public static string ReplayArgs(ArchPgtableOptions options) =>
        (options.KernelTree is null ? "" : $" --kernel-tree {options.KernelTree}") + (options.Patch is null ? "" : $" --patch {options.Patch}");
}
