namespace ArchPgtable.Kconfig;

/// <summary>The type of a Kconfig symbol.</summary>
/// <remarks>Kernel: Kconfig "bool", "tristate", "string", "int", "hex".</remarks>
public enum KconfigType
{
    /// <summary>y or n.</summary>
    Bool,

    /// <summary>y, m or n.</summary>
    Tristate,

    /// <summary>A quoted string.</summary>
    String,

    /// <summary>A decimal integer.</summary>
    Int,

    /// <summary>A hexadecimal integer (0x…).</summary>
    Hex,
}
