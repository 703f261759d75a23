namespace ArchPgtable.RiscV;

/// <summary>The RV64 virtual-memory scheme; the numeric value of each member is its VA width.</summary>
/// <remarks>Kernel: satp.MODE as chosen at boot (set_satp_mode(); the no4lvl / no5lvl parameters); see <see cref="RiscVKconfig.Sv39"/>.</remarks>
public enum RiscVPagingMode
{
    /// <summary>Sv39: three levels, 39-bit VA (512 GiB of user space).</summary>
    /// <remarks>Kernel: SATP_MODE_39</remarks>
    Sv39 = 39,

    /// <summary>Sv48: four levels, 48-bit VA.</summary>
    /// <remarks>Kernel: SATP_MODE_48</remarks>
    Sv48 = 48,
}
