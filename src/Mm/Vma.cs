using System.Globalization;

namespace ArchPgtable.Mm;

/// <summary>A virtual memory area: a page-aligned range of one address space with one set of permissions (anonymous, private unless <see cref="VmFlags.Shared"/>).</summary>
/// <remarks>Kernel: struct vm_area_struct</remarks>
public sealed class Vma
{
    internal Vma(ulong start, ulong end, VmFlags flags, PteProt prot)
    {
        Start = start;
        End = end;
        Flags = flags;
        PageProt = prot;
    }

    /// <summary>First address.</summary>
    /// <remarks>Kernel: vm_start</remarks>
    public ulong Start { get; internal set; }

    /// <summary>One past the last address.</summary>
    /// <remarks>Kernel: vm_end</remarks>
    public ulong End { get; internal set; }

    /// <summary>Permissions.</summary>
    /// <remarks>Kernel: vm_flags</remarks>
    public VmFlags Flags { get; }

    /// <summary>The protection a fresh PTE in this VMA carries.</summary>
    /// <remarks>Kernel: vm_page_prot</remarks>
    public PteProt PageProt { get; }

    /// <summary>True when <paramref name="va"/> lies inside.</summary>
    public bool Contains(ulong va) => va >= Start && va < End;

    /// <summary>The VMA as <c>[start, end) flags</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[0x{Start:x}, 0x{End:x}) {Flags}");
}
