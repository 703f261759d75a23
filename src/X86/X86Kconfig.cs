using ArchPgtable.Generic;
using ArchPgtable.Kconfig;

namespace ArchPgtable.X86;

/// <summary>The Kconfig symbols the x86-64 plugin honours, with their defaults.</summary>
/// <remarks>Kernel: arch/x86/Kconfig</remarks>
public static class X86Kconfig
{
    /// <summary>
    /// The SavedDirty encoding: y (default) moves Dirty to SavedDirty (bit 58) whenever an entry
    /// is write-protected, so Write=0,Dirty=1 — the CET shadow-stack encoding — is never created;
    /// n gives the pre-v6.6 encoding, where a write-protected dirty entry keeps Dirty (bit 6).
    /// Upstream, the shift came with user shadow-stack support (v6.6) and is compiled in on every
    /// x86-64 kernel whatever this symbol says; the model ties it to the symbol so both encodings
    /// can be run side by side.
    /// </summary>
    /// <remarks>Kernel: CONFIG_X86_USER_SHADOW_STACK (upstream default n; the SavedDirty shift itself is unconditional since v6.6)</remarks>
    public const string UserShadowStack = "CONFIG_X86_USER_SHADOW_STACK";

    /// <summary>Every x86-64 symbol followed by the common ones (<see cref="CommonKconfig.Symbols"/>).</summary>
    /// <remarks>Kernel: arch/x86/Kconfig plus mm/Kconfig and lib/Kconfig.debug</remarks>
    public static IReadOnlyList<KconfigSymbol> Symbols { get; } =
    [
        KconfigSymbol.Bool(UserShadowStack, true,
            "Use the SavedDirty bit (58): write-protecting a dirty PTE moves Dirty to SavedDirty so no Write=0,Dirty=1 (shadow-stack) PTE is created; n = the pre-6.6 encoding."),
        .. CommonKconfig.Symbols,
    ];
}
