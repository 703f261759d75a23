namespace ArchPgtable.Native;

/// <summary>
/// The answers to the kernel's CPU feature checks the native helpers may make
/// (<c>system_supports_bbml2_noabort()</c>, <c>cpu_has_hw_af()</c>, <c>system_supports_mte()</c>).
/// Every feature is off by default; a machine description (issue 10) overrides <see cref="Supports"/>.
/// </summary>
public abstract class NativeFeatures
{
    /// <summary>All features off.</summary>
    public static NativeFeatures None { get; } = new NoFeatures();

    /// <summary>Whether the machine has <paramref name="feature"/>.</summary>
    public abstract bool Supports(NativeFeature feature);

    private sealed class NoFeatures : NativeFeatures
    {
        public override bool Supports(NativeFeature feature) => false;
    }
}

/// <summary>A CPU feature a native helper can ask about (the shim's <c>AP_FEAT_*</c> ids).</summary>
public enum NativeFeature
{
    /// <summary>No feature.</summary>
    None = 0,

    /// <summary>FEAT_BBM level 2 without aborts.</summary>
    /// <remarks>Kernel: system_supports_bbml2_noabort()</remarks>
    Bbml2NoAbort = 1,

    /// <summary>Hardware access-flag update.</summary>
    /// <remarks>Kernel: cpu_has_hw_af()</remarks>
    HardwareAccessFlag = 2,

    /// <summary>Memory tagging.</summary>
    /// <remarks>Kernel: system_supports_mte()</remarks>
    Mte = 3,
}
