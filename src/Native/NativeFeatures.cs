using ArchPgtable.Machines;

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

    /// <summary>
    /// The answers a machine gives: <c>system_supports_bbml2_noabort()</c> only when every agent has BBML2_NOABORT
    /// (<see cref="MachineDescription.Bbml2NoAbort"/>, as the kernel enables it only when the system has it), and
    /// <c>cpu_has_hw_af()</c> only when every CPU's effective hardware access flag is on (as <paramref name="support"/> decides:
    /// e.g. arm64 with <c>CONFIG_ARM64_HW_AFDBM=n</c> leaves it off). Memory tagging stays off.
    /// </summary>
    public static NativeFeatures ForMachine(MachineDescription machine, MachineSupport support)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(support);
        var cpus = machine.Cpus.ToList();
        return new MachineFeatures(machine.Name, machine.Bbml2NoAbort,
            cpus.Count > 0 && cpus.All(c => support.Effective(c).HardwareAccessFlag));
    }

    /// <summary>The features on, in words (for descriptions), or null when none is.</summary>
    public virtual string? Describe() => null;

    private sealed class MachineFeatures(string machine, bool bbml2, bool hwAf) : NativeFeatures
    {
        public override bool Supports(NativeFeature feature) => feature switch
        {
            NativeFeature.Bbml2NoAbort => bbml2,
            NativeFeature.HardwareAccessFlag => hwAf,
            _ => false,
        };

        public override string? Describe() => bbml2 || hwAf
            ? $"feature checks answered by machine {machine}: {string.Join(", ", new[] { bbml2 ? "BBML2_NOABORT" : null, hwAf ? "HW AF" : null }.OfType<string>())}"
            : null;
    }

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
